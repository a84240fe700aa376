import { addMonths, addYears, ageInYears, Day, isoInstant, monthStart } from './calendar';
import type { Commission, Council, CouncilPlan, Service } from './plan';
import { existsOn, firstDemoDay, SERVICES } from './plan';
import { SeededRandom } from './random';

/**
 * Day-by-day simulation of one council's services from 2021-04-01 to `today`: referrals arrive,
 * are triaged and wait; providers recruit and vet volunteers up to the places they are funded
 * for; free volunteers are proposed to the longest-waiting child they suit; matches start, run
 * and end. Every record is the state at `today` of a history that obeys the API's rules, so the
 * reporting figures (coverage, waiting lists, waits) come out of the same process as in life
 * rather than being painted on.
 */

export type ReferralSource =
  'SOCIAL_WORKER' | 'TEACHER' | 'FOSTER_CARER' | 'RESIDENTIAL_WORKER' | 'PERSONAL_ADVISER' | 'INDEPENDENT_REVIEWING_OFFICER' | 'SELF' | 'OTHER';
export type ReferralCloseReason = 'CHILD_DECLINED' | 'WITHDRAWN' | 'INELIGIBLE' | 'LEFT_CARE' | 'OTHER';
export type MatchEndReason = 'CHILD_LEFT_CARE' | 'CHILD_OBJECTED' | 'VOLUNTEER_RESIGNED' | 'COUNCIL_ENDED' | 'PLANNED_ENDING' | 'OTHER';
type Gender = 'FEMALE' | 'MALE' | 'NON_BINARY' | 'NOT_STATED';
type PlacementType = 'FOSTER_CARE' | 'KINSHIP_CARE' | 'RESIDENTIAL' | 'SEMI_INDEPENDENT' | 'PLACED_WITH_PARENTS' | 'OTHER';

export type Child = {
  id: string;
  councilCode: string;
  caseReference: string;
  birthMonth: Day;
  /** First of the month the child turns 18 and leaves children's services. */
  eighteenth: Day;
  gender: Gender;
  ethnicity: string;
  placementType: PlacementType;
  placedOutOfArea: boolean;
  placementCouncilCode: string;
  lookedAfterSince: Day;
  interests: string[];
  languages: string[];
  createdAt: string;
};

export type Referral = {
  id: string;
  child: Child;
  service: Service;
  source: ReferralSource;
  status: 'NEW' | 'ACCEPTED' | 'MATCHED' | 'CLOSED';
  referredOn: Day;
  acceptedOn: Day | null;
  matchedOn: Day | null;
  closedOn: Day | null;
  closeReason: ReferralCloseReason | null;
  reason: string;
  preferredVolunteerGender: Gender | null;
  volunteerGenderRequired: boolean;
  preferredLanguages: string[];
  languageRequired: boolean;
  selfReferralId: string | null;
  createdAt: string;
  /** The PROPOSED or ACTIVE match, if any. */
  openMatch: Match | null;
  /** A closure that fell due while a proposal was pending; applied if the proposal is cancelled. */
  closeWhenFree: ReferralCloseReason | null;
};

export type Volunteer = {
  id: string;
  providerId: string;
  homeCouncilCode: string;
  gender: Gender;
  languages: string[];
  interests: string[];
  maxMatches: number;
  /** PROPOSED plus ACTIVE matches. */
  openMatches: number;
  appliedOn: Day;
  dbsIssuedOn: Day;
  dbsUpdateService: boolean;
  /** Proposals need a DBS check under three years old unless the volunteer is on the update service. */
  dbsExpiresOn: Day;
  firstReferenceOn: Day;
  referencesCompleteOn: Day;
  trainingCompletedOn: Day;
  approvedOn: Day;
  /** Dropped out during vetting or training. */
  withdrawnOn: Day | null;
  /** Takes no new matches; leaves once the current ones end. */
  retiring: boolean;
  leftOn: Day | null;
  leftAs: 'INACTIVE' | 'WITHDRAWN';
  createdAt: string;
};

export type Match = {
  id: string;
  referral: Referral;
  volunteer: Volunteer;
  status: 'PROPOSED' | 'ACTIVE' | 'ENDED' | 'CANCELLED';
  proposedOn: Day;
  startedOn: Day | null;
  endedOn: Day | null;
  endReason: MatchEndReason | null;
  cancelledOn: Day | null;
  cancelReason: string | null;
  createdAt: string;
};

export type Visit = { id: string; matchId: string; visitedOn: Day; durationMinutes: number; kind: 'IN_PERSON' | 'PHONE' | 'VIDEO'; createdAt: string };

export type SelfReferral = {
  id: string;
  receiptNumber: string;
  councilCode: string;
  service: Service;
  ageYears: number;
  message: string;
  status: 'NEW' | 'CONVERTED' | 'DISMISSED';
  submittedAt: string;
  resolvedAt: string | null;
};

/** Where a council's records go; the loader batches them into multi-row inserts. */
export type DemoSink = {
  child(child: Child): void;
  referral(referral: Referral): void;
  volunteer(volunteer: Volunteer): void;
  match(match: Match): void;
  visit(visit: Visit): void;
  selfReferral(selfReferral: SelfReferral): void;
};

export type SimulationContext = {
  seed: number;
  scale: number;
  today: Day;
  /** Current councils by region, for placements outside the child's own council. */
  councilsByRegion: Map<string, Council[]>;
  currentCouncils: Council[];
  /** Running numbers shared by every council, so case references and receipts are unique. */
  counters: { children: number; selfReferrals: number };
  sink: DemoSink;
};

export const INTERESTS = [
  'football',
  'art',
  'music',
  'gaming',
  'cooking',
  'swimming',
  'reading',
  'animals',
  'dance',
  'drama',
  'cycling',
  'fishing',
  'languages',
];
export const OTHER_LANGUAGES = ['Polish', 'Urdu', 'Arabic', 'Romanian', 'Somali', 'Bengali', 'Portuguese', 'Turkish'];

const REFERRAL_REASONS: Record<Service, string[]> = {
  INDEPENDENT_VISITOR: [
    'Would benefit from a trusted adult outside the care system',
    'Has little contact with family and would like someone to spend time with',
    'Moved placement recently; a consistent adult would help',
    'Asked for someone to do activities with at weekends',
    'Independent reviewing officer recommends an independent visitor',
    'Placed a long way from home and knows few people nearby',
  ],
  MENTORING: [
    'Would like support to build confidence and try new activities',
    'Preparing for independence and would value a mentor',
    'Would benefit from a positive role model outside the care system',
    'Wants help to get back into education or training',
    'Asked for someone to talk to about plans for the future',
  ],
};
const CANCEL_REASONS = [
  'Child moved placement before the first meeting',
  "Volunteer's circumstances changed",
  'Child and volunteer agreed at the introduction that it was not the right match',
  'Child decided not to go ahead for now',
];
const SELF_REFERRAL_MESSAGES = [
  'I would like someone to talk to who is not my social worker',
  'I want someone to do activities with at weekends',
  'My friend has a mentor and I would like one too',
  'I would like help with my confidence and going out more',
  'I moved placement and do not know anyone here yet',
];

type ServiceProfile = {
  /** Relative frequency of each age (in years) at referral. */
  ages: Record<string, number>;
  /** Average days a volunteer place stays filled per match, to turn places into referral demand. */
  placeTurnoverDays: number;
  /** Mean days an accepted referral waits before it is withdrawn, declined or the child leaves care. */
  meanDaysToGiveUp: number;
};

const PROFILES: Record<Service, ServiceProfile> = {
  INDEPENDENT_VISITOR: {
    ages: { 5: 3, 6: 4, 7: 5, 8: 6, 9: 7, 10: 8, 11: 9, 12: 10, 13: 10, 14: 10, 15: 9, 16: 7, 17: 4 },
    placeTurnoverDays: 760,
    meanDaysToGiveUp: 1500,
  },
  MENTORING: {
    ages: { 8: 3, 9: 4, 10: 6, 11: 8, 12: 10, 13: 11, 14: 12, 15: 12, 16: 9, 17: 5 },
    placeTurnoverDays: 420,
    meanDaysToGiveUp: 900,
  },
};

/** A proposal takes this many days to become a first meeting or fall through. */
const INTRODUCTION_DAYS = [5, 30] as const;
/** Providers stop proposing this long before a contract ends, so nothing starts that cannot run. */
const WIND_DOWN_DAYS = 45;
/** Nobody is proposed to a child this close to turning 18. */
const TOO_CLOSE_TO_EIGHTEEN_DAYS = 75;

type Pool = {
  commission: Commission;
  /** Places (sum of volunteers' capacity) the provider keeps recruited for this council. */
  target: number;
  from: Day;
  proposeUntil: Day;
  recruitFrom: Day;
  recruitUntil: Day;
  /** Everyone ever recruited for this contract. */
  members: Volunteer[];
  /** Recruits who still count towards the places (not stepped down, withdrawn or expired). */
  roster: Volunteer[];
  /** Approved volunteers with spare capacity. */
  free: Volunteer[];
};

type SimEvent =
  | { kind: 'arrival'; child: Child | null }
  | { kind: 'accept'; referral: Referral }
  | { kind: 'close'; referral: Referral; reason: ReferralCloseReason; waiting: boolean }
  | { kind: 'resolve'; match: Match; starts: boolean }
  | { kind: 'end'; match: Match; reason: MatchEndReason }
  | { kind: 'approve'; volunteer: Volunteer; pool: Pool }
  | { kind: 'dbsExpiry'; volunteer: Volunteer }
  | { kind: 'contractEnd'; pool: Pool };

/** Simulates both services of one council and hands every record to the sink. */
export function simulateCouncil(plan: CouncilPlan, context: SimulationContext): void {
  const random = new SeededRandom(context.seed, `council/${plan.council.code}`);
  const children: Child[] = [];
  const selfReferrals: SelfReferral[] = [];
  const referrals: Referral[] = [];
  const volunteers: Volunteer[] = [];
  const matches: Match[] = [];
  for (const service of SERVICES) {
    new ServiceSimulation(plan, service, context, random, children, selfReferrals, referrals, volunteers, matches).run();
  }
  addUnconvertedSelfReferrals(plan.council, context, random, selfReferrals);

  const { sink } = context;
  for (const selfReferral of selfReferrals) {
    context.counters.selfReferrals += 1;
    selfReferral.receiptNumber = `SR-DEMO-${String(context.counters.selfReferrals).padStart(6, '0')}`;
    sink.selfReferral(selfReferral);
  }
  for (const child of children) sink.child(child);
  for (const referral of referrals) sink.referral(referral);
  for (const volunteer of volunteers) sink.volunteer(volunteer);
  for (const match of matches) {
    sink.match(match);
    if (match.startedOn !== null) logVisits(match, context, random);
  }
}

class ServiceSimulation {
  private readonly profile: ServiceProfile;
  private readonly start: Day;
  private readonly agenda: (SimEvent[] | undefined)[];
  private readonly pools: Pool[];
  /** Accepted referrals with no open match, oldest acceptance first. */
  private readonly queue: Referral[] = [];
  private readonly childrenOfOtherService: Child[];
  private readonly referredChildren = new Set<Child>();
  private readonly poolOfVolunteer = new Map<Volunteer, Pool>();
  /** Volunteers currently on their pool's free list (a set, because the lists get long at big scales). */
  private readonly available = new Set<Volunteer>();

  constructor(
    private readonly plan: CouncilPlan,
    private readonly service: Service,
    private readonly context: SimulationContext,
    private readonly random: SeededRandom,
    private readonly children: Child[],
    private readonly selfReferrals: SelfReferral[],
    private readonly referrals: Referral[],
    private readonly volunteers: Volunteer[],
    private readonly matches: Match[],
  ) {
    this.profile = PROFILES[service];
    // A council created after the demo starts (Cumberland) has no records before its first day.
    this.start = firstDemoDay(plan.council.code);
    this.agenda = new Array<SimEvent[] | undefined>(Math.max(0, context.today - this.start + 1));
    this.childrenOfOtherService = [...children];
    const servicePlan = plan.services[service];
    const places = plan.council.childrenLookedAfter * servicePlan.capacityRate * context.scale;
    this.pools = servicePlan.commissions.map((commission) => {
      const proposeUntil = commission.endsOn === null ? context.today : commission.endsOn - WIND_DOWN_DAYS;
      return {
        commission,
        target: random.round(places * commission.share),
        from: commission.startsOn,
        proposeUntil,
        // New contracts recruit a couple of months ahead; none recruit for a contract about to end.
        recruitFrom: Math.max(this.start, commission.startsOn - (commission.startsOn === this.start ? 0 : 60)),
        recruitUntil: commission.endsOn === null ? context.today : commission.endsOn - 120,
        members: [],
        roster: [],
        free: [],
      };
    });
  }

  run(): void {
    this.scheduleArrivals();
    for (const pool of this.pools) if (pool.commission.endsOn !== null) this.schedule(pool.commission.endsOn, { kind: 'contractEnd', pool });
    for (let day = this.start; day <= this.context.today; day += 1) {
      const events = this.agenda[day - this.start];
      // Handlers may add events for the same day, so read the length on every pass.
      if (events) for (let index = 0; index < events.length; index += 1) this.handle(events[index], day);
      this.agenda[day - this.start] = undefined;
      this.recruit(day);
      if (this.queue.length > 0) this.propose(day);
    }
  }

  private schedule(day: Day, event: SimEvent): void {
    // Whatever would happen after today has not happened yet: the record stays in its current state.
    if (day > this.context.today) return;
    const slot = day - this.start;
    (this.agenda[slot] ??= []).push(event);
  }

  private scheduleArrivals(): void {
    const { council, services } = this.plan;
    const servicePlan = services[this.service];
    const { scale, today } = this.context;
    const places = council.childrenLookedAfter * servicePlan.capacityRate * scale;
    const first = servicePlan.commissions.length ? Math.min(...servicePlan.commissions.map((c) => c.startsOn)) : null;
    // Demand is set relative to what the commissioned places can absorb; councils without a
    // provider still see the odd referral, which goes nowhere.
    const perDay =
      first === null
        ? (0.05 * council.childrenLookedAfter * 0.03 * scale) / this.profile.placeTurnoverDays
        : (servicePlan.pressure * places) / this.profile.placeTurnoverDays / 0.9;
    const from = first === null ? this.start : Math.max(this.start, first - 90);
    if (perDay > 0) {
      for (let time = from + this.random.exponential(1 / perDay); time <= today + 1; time += this.random.exponential(1 / perDay)) {
        this.schedule(Math.floor(time), { kind: 'arrival', child: null });
      }
    }
    // At go-live councils bring across the children already waiting or already visited.
    if (first === this.start) {
      const backlog = this.random.poisson(places * (0.9 + 0.3 * servicePlan.pressure));
      for (let index = 0; index < backlog; index += 1) this.schedule(this.start + this.random.int(0, 59), { kind: 'arrival', child: null });
    }
  }

  private handle(event: SimEvent, day: Day): void {
    switch (event.kind) {
      case 'arrival':
        this.refer(day, event.child);
        break;
      case 'accept':
        this.accept(event.referral, day);
        break;
      case 'close':
        this.close(event.referral, day, event.reason, event.waiting);
        break;
      case 'resolve':
        if (event.starts) this.startMatch(event.match, day);
        else this.cancelMatch(event.match, day);
        break;
      case 'end':
        this.endMatch(event.match, day, event.reason);
        break;
      case 'approve':
        if (!event.volunteer.retiring && event.volunteer.leftOn === null) this.makeAvailable(event.pool, event.volunteer);
        break;
      case 'dbsExpiry':
        this.dbsExpires(event.volunteer, day);
        break;
      case 'contractEnd':
        for (const volunteer of event.pool.members) this.retire(volunteer, event.pool, day);
        break;
    }
  }

  // --- referrals -------------------------------------------------------------------------

  private refer(day: Day, known: Child | null): void {
    const random = this.random;
    const child = known ?? this.reuseChildOfOtherService(day) ?? this.registerChild(day);
    const age = ageInYears(child.birthMonth, day);
    const source = known
      ? random.weighted({ INDEPENDENT_REVIEWING_OFFICER: 40, FOSTER_CARER: 30, SOCIAL_WORKER: 8, OTHER: 22 })
      : referralSource(random, child, age);
    const genderPreferred = random.chance(0.22);
    const otherLanguages = child.languages.filter((language) => language !== 'English');
    const languagePreferred = otherLanguages.length > 0 && random.chance(0.6);
    const referral: Referral = {
      id: random.uuid(),
      child,
      service: this.service,
      source,
      status: 'NEW',
      referredOn: day,
      acceptedOn: null,
      matchedOn: null,
      closedOn: null,
      closeReason: null,
      reason: random.pick(REFERRAL_REASONS[this.service]),
      preferredVolunteerGender: genderPreferred ? random.weighted<Gender>({ FEMALE: 70, MALE: 28, NON_BINARY: 2, NOT_STATED: 0 }) : null,
      volunteerGenderRequired: genderPreferred && random.chance(0.25),
      preferredLanguages: languagePreferred ? otherLanguages : [],
      languageRequired: languagePreferred && random.chance(0.3),
      selfReferralId: null,
      createdAt: isoInstant(day, random.int(540, 1020)),
      openMatch: null,
      closeWhenFree: null,
    };
    this.referrals.push(referral);
    this.referredChildren.add(child);
    if (source === 'SELF' && random.chance(0.03)) referral.selfReferralId = this.convertedSelfReferral(referral, age);

    if (this.pools.length === 0) {
      // Nobody to refer to: the council records it and closes it.
      this.schedule(day + random.int(14, 120), { kind: 'close', referral, reason: random.weighted({ INELIGIBLE: 30, OTHER: 70 }), waiting: false });
    } else if (random.chance(0.08)) {
      const reason = random.weighted<ReferralCloseReason>({ INELIGIBLE: 40, WITHDRAWN: 35, CHILD_DECLINED: 15, LEFT_CARE: 0, OTHER: 10 });
      this.schedule(day + random.int(3, 45), { kind: 'close', referral, reason, waiting: false });
    } else {
      this.schedule(day + (random.chance(0.4) ? random.int(0, 3) : random.int(4, 24)), { kind: 'accept', referral });
    }
  }

  private accept(referral: Referral, day: Day): void {
    referral.status = 'ACCEPTED';
    referral.acceptedOn = day;
    this.queue.push(referral);
    const random = this.random;
    const givesUp = day + 1 + Math.floor(random.exponential(this.profile.meanDaysToGiveUp));
    const leavesCare = Math.max(day + 1, referral.child.eighteenth - random.int(0, 20));
    if (leavesCare <= givesUp) this.schedule(leavesCare, { kind: 'close', referral, reason: 'LEFT_CARE', waiting: true });
    else
      this.schedule(givesUp, {
        kind: 'close',
        referral,
        reason: random.weighted<ReferralCloseReason>({ LEFT_CARE: 40, WITHDRAWN: 25, CHILD_DECLINED: 25, INELIGIBLE: 0, OTHER: 10 }),
        waiting: true,
      });
  }

  private close(referral: Referral, day: Day, reason: ReferralCloseReason, waiting: boolean): void {
    if (referral.status !== (waiting ? 'ACCEPTED' : 'NEW')) return;
    if (referral.openMatch) {
      referral.closeWhenFree = reason;
      return;
    }
    referral.status = 'CLOSED';
    referral.closedOn = day;
    referral.closeReason = reason;
    const index = this.queue.indexOf(referral);
    if (index >= 0) this.queue.splice(index, 1);
  }

  private reuseChildOfOtherService(day: Day): Child | null {
    // Some children are referred for both services; the other service was simulated first.
    if (this.childrenOfOtherService.length === 0 || !this.random.chance(0.15)) return null;
    const child = this.random.pick(this.childrenOfOtherService);
    const age = ageInYears(child.birthMonth, day);
    if (child.createdAt > isoInstant(day, 0) || age < 8 || child.eighteenth - day < 180) return null;
    if (this.referredChildren.has(child)) return null;
    return child;
  }

  private registerChild(day: Day): Child {
    const random = this.random;
    const { council } = this.plan;
    const years = Number(random.weighted(this.profile.ages as Record<string, number>));
    // At most 17 years 8 months: a referral always has a few months before the child turns 18.
    const ageInMonths = years * 12 + random.int(0, years === 17 ? 8 : 11);
    const birthMonth = addMonths(monthStart(day), -ageInMonths);
    const placementType =
      years >= 16
        ? random.weighted<PlacementType>({ FOSTER_CARE: 55, KINSHIP_CARE: 8, RESIDENTIAL: 15, SEMI_INDEPENDENT: 15, PLACED_WITH_PARENTS: 5, OTHER: 2 })
        : random.weighted<PlacementType>({ FOSTER_CARE: 70, KINSHIP_CARE: 11, RESIDENTIAL: 10, SEMI_INDEPENDENT: 0, PLACED_WITH_PARENTS: 7, OTHER: 2 });
    const placedOutOfArea = random.chance(placementType === 'RESIDENTIAL' || placementType === 'SEMI_INDEPENDENT' ? 0.65 : 0.36);
    const secondLanguage = random.chance(0.12);
    const onlyOtherLanguage = secondLanguage && random.chance(0.15);
    const otherLanguage = random.pick(OTHER_LANGUAGES);
    this.context.counters.children += 1;
    const child: Child = {
      id: random.uuid(),
      councilCode: council.code,
      caseReference: `DEMO-${String(this.context.counters.children).padStart(6, '0')}`,
      birthMonth,
      eighteenth: addYears(birthMonth, 18),
      gender: random.weighted<Gender>({ FEMALE: 440, MALE: 520, NON_BINARY: 15, NOT_STATED: 25 }),
      ethnicity: random.weighted({ WHITE: 72, MIXED: 11, BLACK: 7, ASIAN: 5, OTHER: 4, NOT_STATED: 1 }),
      placementType,
      placedOutOfArea,
      placementCouncilCode: placedOutOfArea ? this.elsewhere(day) : council.code,
      // looked after by this council: not before it existed
      lookedAfterSince: Math.max(this.start, day - random.int(60, Math.min(day - birthMonth - 1, 3650))),
      interests: random.sample(INTERESTS, random.int(1, 3)),
      languages: onlyOtherLanguage ? [otherLanguage] : secondLanguage ? ['English', otherLanguage] : ['English'],
      createdAt: isoInstant(day, random.int(480, 539)),
    };
    this.children.push(child);
    return child;
  }

  /** A placement council other than the child's own, existing on `day`: usually in the same region. */
  private elsewhere(day: Day): string {
    const { council } = this.plan;
    const placeable = (other: Council) => other.code !== council.code && existsOn(other.code, day);
    const nearby = (this.context.councilsByRegion.get(council.regionCode) ?? []).filter(placeable);
    const candidates = nearby.length > 0 && this.random.chance(0.75) ? nearby : this.context.currentCouncils.filter(placeable);
    return this.random.pick(candidates).code;
  }

  private convertedSelfReferral(referral: Referral, age: number): string {
    const random = this.random;
    const submitted = Math.max(this.start, referral.referredOn - random.int(1, 10));
    const selfReferral: SelfReferral = {
      id: random.uuid(),
      receiptNumber: '',
      councilCode: this.plan.council.code,
      service: this.service,
      ageYears: age,
      message: random.pick(SELF_REFERRAL_MESSAGES),
      status: 'CONVERTED',
      submittedAt: isoInstant(submitted, random.int(480, 900)),
      resolvedAt: isoInstant(referral.referredOn, random.int(960, 1200)),
    };
    this.selfReferrals.push(selfReferral);
    return selfReferral.id;
  }

  // --- matching --------------------------------------------------------------------------

  private propose(day: Day): void {
    for (const pool of this.pools) {
      if (day < pool.from || day > pool.proposeUntil) continue;
      for (let index = 0; index < pool.free.length && this.queue.length > 0;) {
        const volunteer = pool.free[index];
        if (day >= volunteer.dbsExpiresOn) {
          // An expired check blocks new matches; the running ones carry on.
          pool.free.splice(index, 1);
          this.available.delete(volunteer);
          continue;
        }
        while (volunteer.openMatches < volunteer.maxMatches) {
          const referral = this.choose(volunteer, day);
          if (!referral) break;
          this.proposeMatch(referral, volunteer, day);
        }
        if (volunteer.openMatches >= volunteer.maxMatches) {
          pool.free.splice(index, 1);
          this.available.delete(volunteer);
        } else {
          index += 1;
        }
      }
    }
  }

  /** The longest-waiting suitable child, with some give for fit among the first few. */
  private choose(volunteer: Volunteer, day: Day): Referral | null {
    const suitable: number[] = [];
    for (let index = 0; index < this.queue.length && index < 40 && suitable.length < 3; index += 1) {
      const referral = this.queue[index];
      if (referral.volunteerGenderRequired && referral.preferredVolunteerGender !== volunteer.gender) continue;
      if (referral.languageRequired && !referral.preferredLanguages.some((language) => volunteer.languages.includes(language))) continue;
      if (referral.child.eighteenth - day < TOO_CLOSE_TO_EIGHTEEN_DAYS) continue;
      suitable.push(index);
    }
    if (suitable.length === 0) return null;
    const index = this.random.chance(0.75) ? suitable[0] : this.random.pick(suitable);
    return this.queue.splice(index, 1)[0];
  }

  private proposeMatch(referral: Referral, volunteer: Volunteer, day: Day): void {
    const random = this.random;
    const match: Match = {
      id: random.uuid(),
      referral,
      volunteer,
      status: 'PROPOSED',
      proposedOn: day,
      startedOn: null,
      endedOn: null,
      endReason: null,
      cancelledOn: null,
      cancelReason: null,
      createdAt: isoInstant(day, random.int(570, 990)),
    };
    this.matches.push(match);
    volunteer.openMatches += 1;
    referral.openMatch = match;
    this.schedule(day + random.int(INTRODUCTION_DAYS[0], INTRODUCTION_DAYS[1]), { kind: 'resolve', match, starts: random.chance(0.9) });
  }

  private startMatch(match: Match, day: Day): void {
    const random = this.random;
    match.status = 'ACTIVE';
    match.startedOn = day;
    const { referral } = match;
    referral.status = 'MATCHED';
    referral.matchedOn = day;
    referral.closeWhenFree = null;
    const [length, planned] = this.matchLength();
    let endsOn = day + length;
    let reason = planned;
    // Independent visiting is for children in care: it stops when they turn 18, or when the
    // provider's contract with the council does.
    if (endsOn >= referral.child.eighteenth) [endsOn, reason] = [Math.max(day + 1, referral.child.eighteenth - random.int(0, 10)), 'CHILD_LEFT_CARE'];
    const contractEnds = this.poolOf(match.volunteer).commission.endsOn;
    if (contractEnds !== null && endsOn > contractEnds) [endsOn, reason] = [contractEnds, 'COUNCIL_ENDED'];
    this.schedule(endsOn, { kind: 'end', match, reason });
  }

  private matchLength(): [number, MatchEndReason] {
    const random = this.random;
    const draw = random.float();
    if (this.service === 'INDEPENDENT_VISITOR') {
      if (draw < 0.1) return [random.int(30, 240), random.chance(0.6) ? 'CHILD_OBJECTED' : 'OTHER'];
      return [
        60 + Math.floor(random.exponential(1000)),
        random.weighted<MatchEndReason>({ VOLUNTEER_RESIGNED: 45, CHILD_LEFT_CARE: 30, PLANNED_ENDING: 10, OTHER: 10, CHILD_OBJECTED: 5, COUNCIL_ENDED: 0 }),
      ];
    }
    if (draw < 0.12) return [random.int(30, 150), random.chance(0.6) ? 'CHILD_OBJECTED' : 'OTHER'];
    if (draw < 0.7) return [random.int(300, 420), 'PLANNED_ENDING'];
    return [
      90 + Math.floor(random.exponential(400)),
      random.weighted<MatchEndReason>({ VOLUNTEER_RESIGNED: 40, CHILD_LEFT_CARE: 30, OTHER: 25, CHILD_OBJECTED: 5, PLANNED_ENDING: 0, COUNCIL_ENDED: 0 }),
    ];
  }

  private cancelMatch(match: Match, day: Day): void {
    const random = this.random;
    match.status = 'CANCELLED';
    match.cancelledOn = day;
    match.cancelReason = random.pick(CANCEL_REASONS);
    const { referral } = match;
    referral.openMatch = null;
    this.release(match.volunteer, day, 0.15);
    if (referral.closeWhenFree) {
      this.close(referral, day, referral.closeWhenFree, true);
      return;
    }
    // Back on the list in its original place: the wait counts from acceptance.
    let index = this.queue.length;
    while (index > 0 && this.queue[index - 1].acceptedOn! > referral.acceptedOn!) index -= 1;
    this.queue.splice(index, 0, referral);
  }

  private endMatch(match: Match, day: Day, reason: MatchEndReason): void {
    const random = this.random;
    match.status = 'ENDED';
    match.endedOn = day;
    match.endReason = reason;
    match.referral.openMatch = null;
    this.release(match.volunteer, day, reason === 'VOLUNTEER_RESIGNED' ? 0.75 : 0.2);
    // Ending a match does not reopen the referral: a child who still wants someone is referred again.
    const again = { COUNCIL_ENDED: 0.85, VOLUNTEER_RESIGNED: 0.45, OTHER: 0.2, PLANNED_ENDING: 0.05, CHILD_LEFT_CARE: 0, CHILD_OBJECTED: 0 }[reason];
    const child = match.referral.child;
    if (random.chance(again) && child.eighteenth - day > 240) this.schedule(day + random.int(7, 60), { kind: 'arrival', child });
  }

  // --- volunteers ------------------------------------------------------------------------

  private poolOf(volunteer: Volunteer): Pool {
    return this.poolOfVolunteer.get(volunteer)!;
  }

  /** A match ended or fell through: the volunteer takes another, or steps down. */
  private release(volunteer: Volunteer, day: Day, chanceOfStepping: number): void {
    volunteer.openMatches -= 1;
    const pool = this.poolOf(volunteer);
    if (!volunteer.retiring && this.random.chance(chanceOfStepping)) {
      this.retire(volunteer, pool, day);
      return;
    }
    if (volunteer.retiring) {
      if (volunteer.openMatches === 0 && volunteer.leftOn === null) volunteer.leftOn = day;
      return;
    }
    this.makeAvailable(pool, volunteer);
  }

  private makeAvailable(pool: Pool, volunteer: Volunteer): void {
    if (this.available.has(volunteer)) return;
    this.available.add(volunteer);
    pool.free.push(volunteer);
  }

  private retire(volunteer: Volunteer, pool: Pool, day: Day): void {
    if (volunteer.leftOn !== null || (volunteer.withdrawnOn !== null && volunteer.withdrawnOn <= day)) return;
    volunteer.retiring = true;
    if (this.available.delete(volunteer)) pool.free.splice(pool.free.indexOf(volunteer), 1);
    if (volunteer.openMatches === 0) volunteer.leftOn = day;
  }

  /** Weekly, each provider tops its recruits up to the places it is funded for. */
  private recruit(day: Day): void {
    for (const pool of this.pools) {
      if (day < pool.recruitFrom || day > pool.recruitUntil || (day - pool.recruitFrom) % 7 !== 0) continue;
      pool.roster = pool.roster.filter((volunteer) => this.counts(volunteer, day));
      let places = pool.roster.reduce((sum, volunteer) => sum + volunteer.maxMatches, 0);
      while (places < pool.target) {
        const volunteer = this.enlist(pool, day);
        places += volunteer.maxMatches;
      }
    }
  }

  /** Whether a volunteer still counts towards the provider's places. */
  private counts(volunteer: Volunteer, day: Day): boolean {
    if (volunteer.retiring || volunteer.leftOn !== null) return false;
    if (volunteer.withdrawnOn !== null && volunteer.withdrawnOn <= day) return false;
    return !(volunteer.approvedOn <= day && day >= volunteer.dbsExpiresOn);
  }

  private enlist(pool: Pool, day: Day): Volunteer {
    const random = this.random;
    const { today } = this.context;
    // Volunteers already with the provider at go-live move through vetting quickly.
    const established = pool.from === this.start && day - this.start < 30;
    const appliedOn = Math.min(today, day + random.int(0, established ? 20 : 6));
    let dbsIssuedOn: Day;
    let dbsUpdateService: boolean;
    if (established && random.chance(0.6)) {
      dbsIssuedOn = appliedOn - random.int(30, 900);
      dbsUpdateService = random.chance(0.75);
      // An old certificate off the update service with under a year to run is not relied on.
      if (!dbsUpdateService && addYears(dbsIssuedOn, 3) <= appliedOn + 365) dbsIssuedOn = appliedOn + random.int(7, 20);
    } else {
      dbsIssuedOn = appliedOn + random.int(7, 35);
      dbsUpdateService = random.chance(0.55);
    }
    const firstReferenceOn = appliedOn + random.int(established ? 2 : 7, established ? 10 : 30);
    const referencesCompleteOn = firstReferenceOn + random.int(established ? 1 : 5, established ? 10 : 30);
    const trainingCompletedOn = Math.max(dbsIssuedOn, referencesCompleteOn) + random.int(established ? 2 : 10, established ? 25 : 60);
    const approvedOn = trainingCompletedOn + random.int(0, 14);
    const provider = pool.commission.provider;
    // a volunteer lives in a council that exists when they apply
    const others = provider.councilCodes.filter((code) => code !== this.plan.council.code && existsOn(code, appliedOn));
    const secondLanguage = random.chance(0.12);
    const volunteer: Volunteer = {
      id: random.uuid(),
      providerId: provider.id,
      homeCouncilCode: others.length > 0 && random.chance(0.2) ? random.pick(others) : this.plan.council.code,
      gender: random.weighted<Gender>({ FEMALE: 66, MALE: 32, NON_BINARY: 1, NOT_STATED: 1 }),
      languages: secondLanguage ? ['English', random.pick(OTHER_LANGUAGES)] : ['English'],
      interests: random.sample(INTERESTS, random.int(2, 4)),
      maxMatches: random.chance(0.78) ? 1 : random.chance(0.77) ? 2 : 3,
      openMatches: 0,
      appliedOn,
      dbsIssuedOn,
      dbsUpdateService,
      dbsExpiresOn: dbsUpdateService ? Number.POSITIVE_INFINITY : addYears(dbsIssuedOn, 3),
      firstReferenceOn,
      referencesCompleteOn,
      trainingCompletedOn,
      approvedOn,
      // Some drop out during vetting or training, always before they would have been approved.
      withdrawnOn: random.chance(established ? 0.03 : 0.16) ? appliedOn + random.int(1, approvedOn - appliedOn - 1) : null,
      retiring: false,
      leftOn: null,
      leftAs: random.chance(0.7) ? 'INACTIVE' : 'WITHDRAWN',
      createdAt: isoInstant(appliedOn, random.int(540, 1140)),
    };
    this.volunteers.push(volunteer);
    pool.members.push(volunteer);
    pool.roster.push(volunteer);
    this.poolOfVolunteer.set(volunteer, pool);
    if (volunteer.withdrawnOn === null) {
      this.schedule(Math.max(approvedOn, pool.from), { kind: 'approve', volunteer, pool });
      if (!dbsUpdateService) this.schedule(volunteer.dbsExpiresOn, { kind: 'dbsExpiry', volunteer });
    }
    return volunteer;
  }

  /** A DBS check off the update service reaches three years: most renew, some step down, a few lapse. */
  private dbsExpires(volunteer: Volunteer, day: Day): void {
    if (volunteer.leftOn !== null || volunteer.dbsExpiresOn !== day) return;
    const random = this.random;
    const fate = random.float();
    if (fate < 0.6) {
      volunteer.dbsIssuedOn = day - random.int(7, 40);
      volunteer.dbsUpdateService = random.chance(0.5);
      volunteer.dbsExpiresOn = volunteer.dbsUpdateService ? Number.POSITIVE_INFINITY : addYears(volunteer.dbsIssuedOn, 3);
      if (!volunteer.dbsUpdateService) this.schedule(volunteer.dbsExpiresOn, { kind: 'dbsExpiry', volunteer });
    } else if (fate < 0.8) {
      this.retire(volunteer, this.poolOf(volunteer), day);
    }
    // Otherwise the check lapses: the volunteer stays approved but can take no new match.
  }
}

function referralSource(random: SeededRandom, child: Child, age: number): ReferralSource {
  const fostered = child.placementType === 'FOSTER_CARE' || child.placementType === 'KINSHIP_CARE';
  // Social workers refer least, the pattern this service exists to change.
  return random.weighted<ReferralSource>({
    FOSTER_CARER: fostered ? 30 : 3,
    INDEPENDENT_REVIEWING_OFFICER: 22,
    RESIDENTIAL_WORKER: child.placementType === 'RESIDENTIAL' ? 45 : 2,
    TEACHER: age < 16 ? 13 : 5,
    SOCIAL_WORKER: 7,
    SELF: age >= 10 ? 8 : 0,
    PERSONAL_ADVISER: age >= 15 ? 14 : 0,
    OTHER: 7,
  });
}

/** Roughly monthly meetings from the first one until the match ended or today. */
function logVisits(match: Match, context: SimulationContext, random: SeededRandom): void {
  const last = match.endedOn ?? context.today;
  for (let day = match.startedOn!; day <= last; day += random.int(24, 38)) {
    if (day !== match.startedOn && random.chance(0.1)) continue; // a missed month
    const kind = day === match.startedOn ? 'IN_PERSON' : random.weighted({ IN_PERSON: 85, PHONE: 7, VIDEO: 8 });
    const durationMinutes = kind === 'IN_PERSON' ? 15 * random.int(4, 16) : 5 * random.int(6, 12);
    context.sink.visit({ id: random.uuid(), matchId: match.id, visitedOn: day, durationMinutes, kind, createdAt: isoInstant(day, random.int(1080, 1320)) });
  }
}

/** Self-referrals still in the inbox, and a few dismissed ones (duplicates, outside the area). */
function addUnconvertedSelfReferrals(council: Council, context: SimulationContext, random: SeededRandom, into: SelfReferral[]): void {
  const { today, scale } = context;
  const first = firstDemoDay(council.code);
  const service = (): Service => (random.chance(0.6) ? 'INDEPENDENT_VISITOR' : 'MENTORING');
  const waiting = random.poisson(council.childrenLookedAfter * scale * 0.0012);
  for (let index = 0; index < waiting; index += 1) {
    const submitted = Math.max(first, today - random.int(0, 45));
    into.push({
      id: random.uuid(),
      receiptNumber: '',
      councilCode: council.code,
      service: service(),
      ageYears: random.int(8, 18),
      message: random.pick(SELF_REFERRAL_MESSAGES),
      status: 'NEW',
      submittedAt: isoInstant(submitted, random.int(420, submitted === today ? 540 : 1320)),
      resolvedAt: null,
    });
  }
  const dismissed = random.poisson(council.childrenLookedAfter * scale * 0.0004);
  for (let index = 0; index < dismissed; index += 1) {
    const submitted = first + random.int(0, Math.max(0, today - first - 60));
    into.push({
      id: random.uuid(),
      receiptNumber: '',
      councilCode: council.code,
      service: service(),
      ageYears: random.int(8, 18),
      message: random.pick(SELF_REFERRAL_MESSAGES),
      status: 'DISMISSED',
      submittedAt: isoInstant(submitted, random.int(420, 900)),
      resolvedAt: isoInstant(submitted + random.int(1, 14), random.int(960, 1200)),
    });
  }
}
