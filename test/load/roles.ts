import type { GraphQLClient } from './client';
import * as ops from './operations';
import type { Connection, MatchNode, ReferralNode, SelfReferralNode, VolunteerNode } from './operations';
import { chance, daysAgo, later, pick, pickOrNull, randomInt, RecentIds, today, weighted } from './random';
import * as wf from './workflow';
import { Service, SERVICES, World } from './world';

/**
 * What each kind of virtual client does, one step at a time: mostly reads, and every mutation its
 * role may make, on records it created itself or found by reading (so clients of the same
 * council and provider keep meeting on the same records). A few steps are deliberately refused
 * (another council's child, a caller without the role) to keep those paths under load too.
 */

export type Shared = { world: World; recent: RecentIds };

export interface Behaviour {
  step(): Promise<unknown>;
}

type Action = readonly [number, () => Promise<unknown>];

function nodes<N>(connection: Connection<N> | null | undefined): N[] {
  return connection?.edges.map((edge) => edge.node) ?? [];
}

async function read<T>(c: GraphQLClient, kind: string, query: string, variables: Record<string, unknown> = {}): Promise<T | null> {
  const result = await c.call<T>(kind, query, variables);
  return result.data;
}

/**
 * A page of a connection, and now and then the next one too (following `endCursor`, as a client
 * scrolling would); the nodes' IDs join the pool for `node(id)` reads.
 */
async function list<N extends { id: string }>(c: GraphQLClient, shared: Shared, kind: string, query: string, variables: Record<string, unknown>): Promise<N[]> {
  const data = await read<Record<string, Connection<N>>>(c, kind, query, variables);
  const page = data?.[kind];
  const found = nodes(page);
  if (page?.pageInfo?.hasNextPage && page.pageInfo.endCursor && chance(0.25)) {
    const next = await read<Record<string, Connection<N>>>(c, kind, query, { ...variables, after: page.pageInfo.endCursor });
    found.push(...nodes(next?.[kind]));
  }
  shared.recent.add(...found.map((n) => n.id));
  return found;
}

// ---------------------------------------------------------------- reads every role makes

function publicReads(c: GraphQLClient, shared: Shared): Action[] {
  const { world } = shared;
  return [
    [4, () => read(c, 'councilComparison', ops.COUNCIL_COMPARISON, { service: pick(SERVICES), date: world.reportDate })],
    [
      5,
      () =>
        read(c, 'coverageTimeSeries', ops.COVERAGE_TIME_SERIES, {
          code: pick(world.allCouncils),
          service: pick(SERVICES),
          from: daysAgo(randomInt(400, 1500)),
          to: world.reportDate,
        }),
    ],
    [2, () => list(c, shared, 'localAuthorities', ops.LOCAL_AUTHORITIES, { region: chance(0.5) ? 'London' : null, first: randomInt(10, 50) })],
    [1, () => read(c, 'reportingFreshness', ops.REPORTING_FRESHNESS)],
    [2, () => read(c, 'viewer', ops.VIEWER)],
    [
      2,
      async () => {
        const id = shared.recent.any();
        if (id) await read(c, 'node', ops.NODE, { id });
      },
    ],
  ];
}

// ---------------------------------------------------------------- council officer

export class CouncilOfficer implements Behaviour {
  private readonly children: { id: string; referred: Set<string> }[] = [];
  private readonly newReferrals: ReferralNode[] = [];
  private readonly actions: Action[];

  constructor(
    private readonly c: GraphQLClient,
    private readonly shared: Shared,
    private readonly council: string,
  ) {
    const code = council;
    this.actions = [
      ...publicReads(c, shared),
      [12, () => this.waitingList()],
      [10, () => this.referrals(pick([null, 'NEW', 'ACCEPTED', 'MATCHED', 'CLOSED']))],
      [6, () => this.matches(pick([null, 'PROPOSED', 'ACTIVE']))],
      [3, () => list(c, shared, 'volunteers', ops.VOLUNTEERS, { first: 20, status: pick([null, 'APPROVED']) })],
      [4, () => list(c, shared, 'children', ops.CHILDREN, { code, first: randomInt(10, 40) })],
      [1, () => read(c, 'matchingPlan', ops.MATCHING_PLAN, { code, service: pick(SERVICES) })],
      [4, () => this.inbox()],
      [2, () => this.suggest()],
      [6, () => this.registerChild()],
      [6, () => this.createReferral()],
      [7, () => this.accept()],
      [2, () => this.close()],
      [2, () => this.convert()],
      [1, () => this.dismiss()],
      [1, () => wf.commissionProvider(c, pick(shared.world.providers), code, pick(SERVICES), 'officer')],
      [2, () => this.cancel()],
      [2, () => this.end()],
      // Refused on purpose: another council's child (FORBIDDEN), a date in the future (VALIDATION).
      [1, () => wf.registerChild(c, pick(shared.world.allCouncils.filter((other) => other !== code)))],
      [
        1,
        async () => {
          const referral = pickOrNull(this.newReferrals);
          if (referral) await wf.acceptReferral(c, referral, daysAgo(-30));
        },
      ],
    ];
  }

  step(): Promise<unknown> {
    return weighted(this.actions)();
  }

  private async waitingList(): Promise<ReferralNode[]> {
    return list<ReferralNode>(this.c, this.shared, 'waitingList', ops.WAITING_LIST, { code: this.council, service: pick(SERVICES), first: randomInt(20, 50) });
  }

  private async referrals(status: string | null): Promise<ReferralNode[]> {
    return list<ReferralNode>(this.c, this.shared, 'referrals', ops.REFERRALS, {
      status,
      code: this.council,
      service: chance(0.3) ? pick(SERVICES) : null,
      first: randomInt(10, 50),
    });
  }

  private async matches(status: string | null): Promise<MatchNode[]> {
    return list<MatchNode>(this.c, this.shared, 'matches', ops.MATCHES, {
      status,
      code: this.council,
      service: chance(0.3) ? pick(SERVICES) : null,
      first: randomInt(10, 50),
    });
  }

  private async inbox(): Promise<SelfReferralNode[]> {
    return list<SelfReferralNode>(this.c, this.shared, 'selfReferralInbox', ops.SELF_REFERRAL_INBOX, { first: randomInt(10, 50) });
  }

  private async suggest(): Promise<void> {
    const referral = pickOrNull(await this.waitingList());
    if (referral) await read(this.c, 'suggestedVolunteers', ops.SUGGESTED_VOLUNTEERS, { referralId: referral.id, first: 10 });
  }

  private async registerChild(): Promise<{ id: string; referred: Set<string> } | null> {
    const result = await wf.registerChild(this.c, this.council);
    if (!result.childId) return null;
    const child = { id: result.childId, referred: new Set<string>() };
    this.children.push(child);
    this.shared.recent.add(child.id);
    return child;
  }

  private async createReferral(): Promise<void> {
    const service: Service = pick(SERVICES);
    const child = this.children.find((candidate) => !candidate.referred.has(service)) ?? (await this.registerChild());
    if (!child) return;
    child.referred.add(service);
    // Now and then the child is placed in another council's area.
    const placementCode = chance(0.2) ? pick(this.shared.world.allCouncils) : undefined;
    const { referral } = await wf.createReferral(this.c, child.id, service, { placementCode });
    if (referral) this.newReferrals.push(referral);
  }

  private async accept(): Promise<void> {
    let referral = this.newReferrals.shift();
    if (!referral || chance(0.3)) referral = pickOrNull(await this.referrals('NEW')) ?? referral;
    if (referral) await wf.acceptReferral(this.c, referral);
  }

  private async close(): Promise<void> {
    // Sometimes one with a PROPOSED match, which is refused until the match is cancelled.
    const referral = pickOrNull(await this.referrals(pick(['NEW', 'ACCEPTED'])));
    if (referral) await wf.closeReferral(this.c, referral.id);
  }

  private async convert(): Promise<void> {
    const item = pickOrNull((await this.inbox()).filter((s) => s.status === 'NEW'));
    if (!item) return;
    const child = await this.registerChild();
    if (!child) return;
    child.referred.add(item.service);
    await wf.convertSelfReferral(this.c, item.id, child.id);
  }

  private async dismiss(): Promise<void> {
    const item = pickOrNull((await this.inbox()).filter((s) => s.status === 'NEW'));
    if (item) await wf.dismissSelfReferral(this.c, item.id);
  }

  private async cancel(): Promise<void> {
    const match = pickOrNull(await this.matches('PROPOSED'));
    if (match) await wf.cancelMatch(this.c, match.id);
  }

  private async end(): Promise<void> {
    const match = pickOrNull(await this.matches('ACTIVE'));
    if (match) await wf.endMatch(this.c, match.id);
  }
}

// ---------------------------------------------------------------- provider coordinator

export class ProviderCoordinator implements Behaviour {
  private readonly applied: VolunteerNode[] = [];
  private readonly trained: VolunteerNode[] = [];
  private readonly approved: VolunteerNode[] = [];
  private readonly proposed: MatchNode[] = [];
  private readonly active: MatchNode[] = [];
  private readonly councils: string[];
  private readonly actions: Action[];

  constructor(
    private readonly c: GraphQLClient,
    private readonly shared: Shared,
    private readonly providerId: string,
  ) {
    this.councils = [...new Set(shared.world.commissionings.filter((cm) => cm.providerId === providerId).map((cm) => cm.councilCode))];
    this.actions = [
      ...publicReads(c, shared),
      [8, () => this.volunteers(pick([null, 'APPROVED', 'TRAINING', 'VETTING']))],
      [8, () => this.matches(pick([null, 'PROPOSED', 'ACTIVE', 'ENDED']))],
      [6, () => this.referrals()],
      [6, () => this.waitingList()],
      [3, () => list(c, shared, 'children', ops.CHILDREN, { code: chance(0.5) ? pickOrNull(this.councils) : null, first: 20 })],
      [
        2,
        async () => {
          const referral = pickOrNull(await this.referrals());
          if (referral) await read(c, 'suggestedVolunteers', ops.SUGGESTED_VOLUNTEERS, { referralId: referral.id, first: 10 });
        },
      ],
      [
        1,
        async () => {
          const commissioning = pickOrNull(shared.world.commissionings.filter((cm) => cm.providerId === providerId));
          if (commissioning) await read(c, 'matchingPlan', ops.MATCHING_PLAN, { code: commissioning.councilCode, service: commissioning.service });
        },
      ],
      [4, () => this.register()],
      [4, () => this.vet()],
      [4, () => this.approve()],
      [9, () => this.propose()],
      [5, () => this.start()],
      [6, () => this.visit()],
      [2, () => this.end()],
      [2, () => this.cancel()],
      // Refused on purpose: a volunteer for another provider is not found for a coordinator.
      [1, () => wf.registerVolunteer(c, pick(shared.world.providers.filter((p) => p !== providerId).concat(providerId)), pick(shared.world.councils))],
    ];
  }

  step(): Promise<unknown> {
    return weighted(this.actions)();
  }

  private async volunteers(status: string | null): Promise<VolunteerNode[]> {
    return list<VolunteerNode>(this.c, this.shared, 'volunteers', ops.VOLUNTEERS, {
      status,
      providerId: chance(0.7) ? this.providerId : null,
      first: randomInt(20, 60),
    });
  }

  private async matches(status: string | null): Promise<MatchNode[]> {
    return list<MatchNode>(this.c, this.shared, 'matches', ops.MATCHES, {
      status,
      code: chance(0.3) ? pickOrNull(this.councils) : null,
      service: chance(0.3) ? pick(SERVICES) : null,
      first: randomInt(20, 50),
    });
  }

  private async referrals(): Promise<ReferralNode[]> {
    return list<ReferralNode>(this.c, this.shared, 'referrals', ops.REFERRALS, {
      status: 'ACCEPTED',
      code: chance(0.7) ? pickOrNull(this.councils) : null,
      service: chance(0.3) ? pick(SERVICES) : null,
      first: randomInt(20, 60),
    });
  }

  private async waitingList(): Promise<ReferralNode[]> {
    const commissioning = pickOrNull(this.shared.world.commissionings.filter((cm) => cm.providerId === this.providerId));
    if (!commissioning) return [];
    return list<ReferralNode>(this.c, this.shared, 'waitingList', ops.WAITING_LIST, {
      code: commissioning.councilCode,
      service: commissioning.service,
      first: randomInt(20, 50),
    });
  }

  private async register(): Promise<void> {
    const result = await wf.registerVolunteer(this.c, this.providerId, pick(this.councils.length ? this.councils : this.shared.world.councils));
    if (result.acknowledged) this.applied.push(result.payload!.volunteer!);
  }

  private async vet(): Promise<void> {
    let volunteer = this.applied.shift();
    if (!volunteer || chance(0.2)) volunteer = pickOrNull(await this.volunteers(pick(['VETTING', 'APPLIED']))) ?? volunteer;
    if (!volunteer) return;
    const result = await wf.recordVetting(this.c, volunteer);
    if (result.acknowledged && result.payload!.volunteer!.status === 'TRAINING') this.trained.push(result.payload!.volunteer!);
  }

  private async approve(): Promise<void> {
    let volunteer = this.trained.shift();
    if (!volunteer || chance(0.2)) volunteer = pickOrNull(await this.volunteers('TRAINING')) ?? volunteer;
    if (!volunteer) return;
    const result = await wf.approveVolunteer(this.c, volunteer);
    if (result.acknowledged) this.approved.push(result.payload!.volunteer!);
  }

  /** An APPROVED volunteer who looks free (the server decides: capacity races are expected). */
  private async freeVolunteer(): Promise<VolunteerNode | null> {
    const own = this.approved.filter((v) => v.openMatches < v.maxMatches);
    if (own.length && chance(0.6)) return pick(own);
    const listed = (await this.volunteers('APPROVED')).filter(
      (v) => v.openMatches < v.maxMatches && (v.dbsUpdateService || (v.dbsExpiresOn !== null && v.dbsExpiresOn !== undefined && v.dbsExpiresOn > today())),
    );
    return pickOrNull(listed) ?? pickOrNull(own);
  }

  private async propose(): Promise<void> {
    const referrals = (chance(0.5) ? await this.waitingList() : await this.referrals()).filter((r) => !r.currentMatch);
    const referral = pickOrNull(referrals.slice(0, 10));
    if (!referral) return;
    const volunteer = await this.freeVolunteer();
    if (!volunteer) return;
    // Proposed today or recorded up to two weeks late, never before the referral was accepted.
    const result = await wf.proposeMatch(this.c, referral.id, volunteer.id, later(daysAgo(randomInt(0, 14)), referral.acceptedOn));
    if (result.acknowledged) {
      volunteer.openMatches += 1;
      this.proposed.push(result.payload!.match!);
    }
  }

  private async start(): Promise<void> {
    let match = this.proposed.shift();
    if (!match || chance(0.3)) match = pickOrNull(await this.matches('PROPOSED')) ?? match;
    if (!match) return;
    const result = await wf.startMatch(this.c, match);
    if (result.acknowledged) this.active.push(result.payload!.match!);
  }

  private async visit(): Promise<void> {
    const match = chance(0.5) && this.active.length ? pick(this.active) : (pickOrNull(await this.matches('ACTIVE')) ?? pickOrNull(this.active));
    if (match) await wf.logVisit(this.c, match);
  }

  private async end(): Promise<void> {
    const match = this.active.shift() ?? pickOrNull(await this.matches('ACTIVE'));
    if (match) await wf.endMatch(this.c, match.id);
  }

  private async cancel(): Promise<void> {
    const match = chance(0.5) ? this.proposed.shift() : pickOrNull(await this.matches('PROPOSED'));
    if (match) await wf.cancelMatch(this.c, match.id);
  }
}

// ---------------------------------------------------------------- service administrator

export class Administrator implements Behaviour {
  private readonly created: string[] = [];
  private readonly actions: Action[];

  constructor(
    private readonly c: GraphQLClient,
    private readonly shared: Shared,
  ) {
    this.actions = [
      ...publicReads(c, shared),
      [3, () => read(c, 'auditEvents', ops.AUDIT_EVENTS, { first: 50 })],
      [3, () => list(c, shared, 'providers', ops.PROVIDERS, { first: 50 })],
      [3, () => list(c, shared, 'referrals', ops.REFERRALS, { first: 50, status: pick([null, 'NEW', 'ACCEPTED']) })],
      [2, () => list(c, shared, 'matches', ops.MATCHES, { first: 50 })],
      [1, () => list(c, shared, 'selfReferralInbox', ops.SELF_REFERRAL_INBOX, { first: 50 })],
      [
        3,
        async () => {
          const result = await wf.createProvider(c);
          if (result.acknowledged) this.created.push(result.payload!.provider!.id);
        },
      ],
      [3, () => wf.commissionProvider(c, pickOrNull(this.created) ?? pick(shared.world.providers), pick(shared.world.councils), pick(SERVICES))],
      // Acts on the busy councils' referrals too, racing their officers.
      [
        2,
        async () => {
          const referral = pickOrNull(
            await list<ReferralNode>(c, shared, 'referrals', ops.REFERRALS, { status: 'NEW', code: pick(shared.world.councils), first: 20 }),
          );
          if (referral) await wf.acceptReferral(c, referral);
        },
      ],
    ];
  }

  step(): Promise<unknown> {
    return weighted(this.actions)();
  }
}

// ---------------------------------------------------------------- national analyst and researcher

export class Analyst implements Behaviour {
  private readonly actions: Action[];

  constructor(c: GraphQLClient, shared: Shared) {
    this.actions = [
      ...publicReads(c, shared),
      [3, () => read(c, 'councilComparison', ops.COUNCIL_COMPARISON, { service: pick(SERVICES), date: shared.world.reportDate })],
      [1, () => list(c, shared, 'providers', ops.PROVIDERS, { first: 20 })],
      // No child-level record at all: empty lists, and a refused mutation (FORBIDDEN).
      [1, () => list(c, shared, 'referrals', ops.REFERRALS, { first: 20 })],
      [1, () => list(c, shared, 'children', ops.CHILDREN, { first: 20 })],
      [
        1,
        async () => {
          const id = shared.recent.any();
          if (id) await wf.closeReferral(c, id);
        },
      ],
    ];
  }

  step(): Promise<unknown> {
    return weighted(this.actions)();
  }
}

// ---------------------------------------------------------------- anonymous

export class Anonymous implements Behaviour {
  private readonly actions: Action[];

  constructor(c: GraphQLClient, shared: Shared) {
    this.actions = [
      ...publicReads(c, shared),
      // Mostly to the busy councils, whose officers work through the inbox.
      [3, () => wf.submitSelfReferral(c, chance(0.8) ? pick(shared.world.councils) : pick(shared.world.allCouncils), pick(SERVICES))],
      [1, () => read(c, 'referrals', ops.REFERRALS, { first: 5 })],
    ];
  }

  step(): Promise<unknown> {
    return weighted(this.actions)();
  }
}
