import type { GraphQLClient, MutationResult } from './client';
import { keyOf } from './client';
import type { RaceOutcome } from './ledger';
import * as ops from './operations';
import type { Connection, SelfReferralNode } from './operations';
import { pick, pickOrNull, weighted } from './random';
import type { Behaviour } from './roles';
import * as wf from './workflow';
import type { Commissioning } from './world';

/**
 * A client that stages deliberate races: it prepares the records through the API (as the council
 * officer or coordinator who owns them), then several clients (distinct users of the same council
 * or provider, each on its own connection) send conflicting mutations at the same instant. At
 * most the allowed number may win; the outcome of every round is kept for the report.
 */
export type RaceTeam = {
  commissioning: Commissioning;
  /** Officers of the commissioning council (distinct users). */
  officers: GraphQLClient[];
  /** Coordinators of the commissioned provider (distinct users). */
  coordinators: GraphQLClient[];
  /** Coordinators of other providers commissioned by the same council for the same service. */
  rivals: { providerId: string; client: GraphQLClient }[];
};

/** Fires all the requests together: each starts before any answer is awaited. */
async function together(requests: (() => Promise<MutationResult<{ errors: unknown[] }>>)[]): Promise<MutationResult<{ errors: unknown[] }>[]> {
  return Promise.all(requests.map((request) => request()));
}

function outcome(kind: string, results: MutationResult<{ errors: unknown[] }>[], expected: { min: number; max: number }): RaceOutcome {
  return { kind, attempts: results.length, winners: results.filter((r) => r.acknowledged).length, expected, codes: results.flatMap((r) => r.codes) };
}

export class Racer implements Behaviour {
  private readonly races: (readonly [number, () => Promise<void>])[];

  constructor(
    private readonly team: RaceTeam,
    private readonly outcomes: RaceOutcome[],
  ) {
    this.races = [
      [3, () => this.volunteerCapacity(1, 3)],
      [1, () => this.volunteerCapacity(2, 4)],
      [3, () => this.oneReferralManyVolunteers()],
      [2, () => this.acceptAndCloseTogether()],
      [2, () => this.startVersusCancel()],
      [2, () => this.endTwice()],
      [1, () => this.convertVersusDismiss()],
      [2, () => this.proposeVersusClose()],
      [1, () => this.cancelFreesCapacity()],
      [1, () => this.twoReferralsForOneChild()],
      [2, () => this.retriedVisit()],
    ];
  }

  step(): Promise<unknown> {
    return weighted(this.races)();
  }

  private get council(): string {
    return this.team.commissioning.councilCode;
  }

  private async acceptedReferrals(count: number) {
    const referrals = await Promise.all(
      Array.from({ length: count }, (_, i) =>
        wf.freshAcceptedReferral(this.team.officers[i % this.team.officers.length], this.council, this.team.commissioning.service),
      ),
    );
    return referrals.every((r) => r !== null) ? referrals.map((r) => r!) : null;
  }

  /** One volunteer with capacity `capacity`, `count` referrals, proposed all at once by different coordinators. */
  private async volunteerCapacity(capacity: number, count: number): Promise<void> {
    const { coordinators, commissioning } = this.team;
    const [volunteer, referrals] = await Promise.all([
      wf.freshApprovedVolunteer(coordinators[0], commissioning.providerId, this.council, capacity),
      this.acceptedReferrals(count),
    ]);
    if (!volunteer || !referrals) return;
    const results = await together(referrals.map((referral, i) => () => wf.proposeMatch(coordinators[i % coordinators.length], referral.id, volunteer.id)));
    this.outcomes.push({
      ...outcome(`proposeMatch: ${count} referrals, one volunteer of capacity ${capacity}`, results, { min: capacity, max: capacity }),
      matchIds: results.flatMap((r) => {
        const match = (r.payload as { match?: { id: string } | null } | null)?.match;
        return r.acknowledged && match ? [keyOf(match.id, 'Match')] : [];
      }),
    });
  }

  /** One referral, several volunteers (of this and rival providers), proposed all at once. */
  private async oneReferralManyVolunteers(): Promise<void> {
    const { coordinators, commissioning, rivals } = this.team;
    const proposers = [
      { providerId: commissioning.providerId, client: coordinators[0] },
      { providerId: commissioning.providerId, client: coordinators[1 % coordinators.length] },
      ...rivals.slice(0, 2),
    ];
    const [referrals, volunteers] = await Promise.all([
      this.acceptedReferrals(1),
      Promise.all(proposers.map((p) => wf.freshApprovedVolunteer(p.client, p.providerId, this.council, 1))),
    ]);
    if (!referrals || volunteers.some((v) => !v)) return;
    const referral = referrals[0];
    const results = await together(proposers.map((p, i) => () => wf.proposeMatch(p.client, referral.id, volunteers[i]!.id)));
    this.outcomes.push(outcome(`proposeMatch: one referral, ${proposers.length} volunteers`, results, { min: 1, max: 1 }));
  }

  /** A NEW referral accepted by two officers and closed by two others, all at once. */
  private async acceptAndCloseTogether(): Promise<void> {
    const { officers, commissioning } = this.team;
    const referral = await wf.freshNewReferral(officers[0], this.council, commissioning.service);
    if (!referral) return;
    const results = await together([
      () => wf.acceptReferral(officers[0], referral, referral.referredOn),
      () => wf.acceptReferral(officers[1 % officers.length], referral, referral.referredOn),
      () => wf.closeReferral(officers[2 % officers.length], referral.id),
      () => wf.closeReferral(officers[3 % officers.length], referral.id),
    ]);
    this.outcomes.push(outcome('acceptReferral x2 on one NEW referral', results.slice(0, 2), { min: 0, max: 1 }));
    this.outcomes.push(outcome('closeReferral x2 on the same referral', results.slice(2), { min: 1, max: 1 }));
  }

  private async proposedMatch() {
    const { coordinators, commissioning } = this.team;
    const [referrals, volunteer] = await Promise.all([
      this.acceptedReferrals(1),
      wf.freshApprovedVolunteer(coordinators[0], commissioning.providerId, this.council, 1),
    ]);
    if (!referrals || !volunteer) return null;
    const proposed = await wf.proposeMatch(coordinators[0], referrals[0].id, volunteer.id);
    return proposed.acknowledged ? proposed.payload!.match! : null;
  }

  /** A PROPOSED match started by one coordinator while another coordinator and an officer cancel it. */
  private async startVersusCancel(): Promise<void> {
    const { coordinators, officers } = this.team;
    const match = await this.proposedMatch();
    if (!match) return;
    const results = await together([
      () => wf.startMatch(coordinators[0], match),
      () => wf.cancelMatch(coordinators[1 % coordinators.length], match.id),
      () => wf.cancelMatch(officers[0], match.id),
    ]);
    this.outcomes.push(outcome('startMatch vs cancelMatch x2 on one PROPOSED match', results, { min: 1, max: 1 }));
  }

  /** An ACTIVE match ended by its coordinator and the council's officer at once, while a visit is logged. */
  private async endTwice(): Promise<void> {
    const { coordinators, officers } = this.team;
    const match = await this.proposedMatch();
    if (!match) return;
    const started = await wf.startMatch(coordinators[0], match);
    if (!started.acknowledged) return;
    const active = started.payload!.match!;
    const results = await together([
      () => wf.endMatch(coordinators[1 % coordinators.length], active.id),
      () => wf.endMatch(officers[0], active.id),
      () => wf.logVisit(coordinators[0], active),
    ]);
    this.outcomes.push(outcome('endMatch x2 on one ACTIVE match (with a visit logged)', results.slice(0, 2), { min: 1, max: 1 }));
  }

  /** A visit whose request is sent four times at once with one idempotency key: all four answered, one visit. */
  private async retriedVisit(): Promise<void> {
    const { coordinators } = this.team;
    const match = await this.proposedMatch();
    if (!match) return;
    const started = await wf.startMatch(coordinators[0], match);
    if (!started.acknowledged) return;
    const results = await wf.retriedLogVisit(coordinators[0], started.payload!.match!, 4);
    // Each repeat is acknowledged (answered with the first one's visit); the ledger checks they name one visit.
    this.outcomes.push(outcome('logVisit x4 with one idempotency key (a retried request)', results, { min: 4, max: 4 }));
  }

  /** One NEW self-referral converted by one officer while another dismisses it and a third converts it too. */
  private async convertVersusDismiss(): Promise<void> {
    const { officers } = this.team;
    const inbox = await officers[0].call<{ selfReferralInbox: Connection<SelfReferralNode> }>('selfReferralInbox', ops.SELF_REFERRAL_INBOX, { first: 50 });
    const item = pickOrNull(inbox.data?.selfReferralInbox.edges.map((e) => e.node).filter((s) => s.status === 'NEW') ?? []);
    if (!item) return;
    const children = await Promise.all([wf.registerChild(officers[0], this.council), wf.registerChild(officers[1 % officers.length], this.council)]);
    if (children.some((c) => !c.childId)) return;
    const results = await together([
      () => wf.convertSelfReferral(officers[0], item.id, children[0].childId!),
      () => wf.dismissSelfReferral(officers[1 % officers.length], item.id),
      () => wf.convertSelfReferral(pick(officers), item.id, children[1].childId!),
    ]);
    this.outcomes.push(outcome('convertSelfReferral x2 vs dismissSelfReferral on one self-referral', results, { min: 0, max: 1 }));
  }

  /** An ACCEPTED referral proposed for by two coordinators while an officer closes it. */
  private async proposeVersusClose(): Promise<void> {
    const { coordinators, officers, commissioning } = this.team;
    const [referrals, volunteers] = await Promise.all([
      this.acceptedReferrals(1),
      Promise.all([0, 1].map((i) => wf.freshApprovedVolunteer(coordinators[i % coordinators.length], commissioning.providerId, this.council, 1))),
    ]);
    if (!referrals || volunteers.some((v) => !v)) return;
    const referral = referrals[0];
    const results = await together([
      () => wf.proposeMatch(coordinators[0], referral.id, volunteers[0]!.id),
      () => wf.proposeMatch(coordinators[1 % coordinators.length], referral.id, volunteers[1]!.id),
      () => wf.closeReferral(officers[0], referral.id),
    ]);
    this.outcomes.push(outcome('proposeMatch x2 vs closeReferral on one ACCEPTED referral', results, { min: 1, max: 1 }));
  }

  /** A volunteer of capacity 1 with a PROPOSED match: the match is cancelled while the volunteer is proposed for another referral. */
  private async cancelFreesCapacity(): Promise<void> {
    const { coordinators, officers } = this.team;
    const match = await this.proposedMatch();
    if (!match?.volunteer) return;
    const others = await this.acceptedReferrals(2);
    if (!others) return;
    const volunteerId = match.volunteer.id;
    const results = await together([
      () => wf.cancelMatch(officers[0], match.id),
      () => wf.proposeMatch(coordinators[1 % coordinators.length], others[0].id, volunteerId),
      () => wf.proposeMatch(coordinators[2 % coordinators.length], others[1].id, volunteerId),
    ]);
    this.outcomes.push(outcome('cancelMatch of a full volunteer (must win)', results.slice(0, 1), { min: 1, max: 1 }));
    this.outcomes.push(outcome('proposeMatch x2 of that volunteer meanwhile (capacity 1)', results.slice(1), { min: 0, max: 1 }));
  }

  /** Two officers refer the same child for the same service at once: one open referral per child and service. */
  private async twoReferralsForOneChild(): Promise<void> {
    const { officers, commissioning } = this.team;
    const child = await wf.registerChild(officers[0], this.council);
    if (!child.childId) return;
    const results = await together([0, 1, 2].map((i) => () => wf.createReferral(officers[i % officers.length], child.childId!, commissioning.service)));
    this.outcomes.push(outcome('createReferral x3 for one child and service', results, { min: 1, max: 1 }));
  }
}
