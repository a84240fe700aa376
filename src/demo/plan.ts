import { councilExistence } from '../councils/existence';
import { addMonths, Day, dayOf, isoInstant, parseDay } from './calendar';
import { SeededRandom } from './random';

/**
 * The fixed frame of the demo: which providers exist, which councils commission whom for which
 * service, and how well resourced and how pressed each council's service is. Volumes scale with
 * `scale`; this frame does not, so a small test load and a big benchmark load tell the same story.
 */
export type Service = 'INDEPENDENT_VISITOR' | 'MENTORING';
export const SERVICES: readonly Service[] = ['INDEPENDENT_VISITOR', 'MENTORING'];

export type ProviderKind = 'CHARITY' | 'COUNCIL_TEAM' | 'OTHER';

export type Council = {
  code: string;
  name: string;
  regionCode: string;
  regionName: string;
  /** The official count at 31 March (latest year available), 0 when there is none. */
  childrenLookedAfter: number;
};

export type Provider = {
  id: string;
  name: string;
  kind: ProviderKind;
  services: readonly Service[];
  regionCode: string | null;
  createdAt: string;
  /** Councils that commission it for any service: where its volunteers can live. */
  councilCodes: string[];
};

export type Commission = {
  id: string;
  provider: Provider;
  councilCode: string;
  service: Service;
  startsOn: Day;
  endsOn: Day | null;
  /** This provider's part of the council's volunteer capacity for the service. */
  share: number;
};

export type ServicePlan = {
  commissions: Commission[];
  /** Volunteer places the council's providers aim to hold, per child looked after. */
  capacityRate: number;
  /** Referral demand relative to what that capacity can absorb: above 1 a waiting list builds. */
  pressure: number;
};

export type CouncilPlan = { council: Council; services: Record<Service, ServicePlan> };

export type DemoPlan = { providers: Provider[]; commissions: Commission[]; councils: CouncilPlan[]; start: Day };

/** Hartlepool: the council whose officer token the server prints at start-up, so it must look busy. */
export const SHOWCASE_COUNCIL_CODE = 'E06000001';
/** Tandem's demo history starts with the 2021-22 reporting year. */
export const DEMO_START: Day = dayOf(2021, 4, 1);

/**
 * The first day of the demo on which a council exists (src/councils/existence.ts): nothing happens
 * in, for or to a council before it (Cumberland's records start on 2023-04-01).
 */
export function firstDemoDay(councilCode: string): Day {
  const { from } = councilExistence(councilCode);
  return from === null ? DEMO_START : Math.max(DEMO_START, parseDay(from)!);
}

/** The last day on which a council exists, Infinity when it still does. */
export function lastDemoDay(councilCode: string): Day {
  const { until } = councilExistence(councilCode);
  return until === null ? Number.POSITIVE_INFINITY : parseDay(until)!;
}

/** Whether a council exists on `day`. */
export function existsOn(councilCode: string, day: Day): boolean {
  return firstDemoDay(councilCode) <= day && day <= lastDemoDay(councilCode);
}

const IN_HOUSE_TEAMS = 5;
/**
 * Volunteer places nationally per child looked after. About 3% of children have an independent
 * visitor (DESIGN.md); places run a little above that because some sit empty between matches and
 * where demand is low.
 */
const NATIONAL_PLACES_PER_CHILD: Record<Service, number> = { INDEPENDENT_VISITOR: 0.036, MENTORING: 0.012 };
const NATIONAL_MENTORING_NETWORKS = 2;

export function planDemo(councils: Council[], seed: number, today: Day): DemoPlan {
  const random = new SeededRandom(seed, 'plan');
  const providers: Provider[] = [];
  const commissions: Commission[] = [];
  const newProvider = (name: string, kind: ProviderKind, services: readonly Service[], regionCode: string | null): Provider => {
    const provider = {
      id: random.uuid(),
      name,
      kind,
      services,
      regionCode,
      createdAt: isoInstant(DEMO_START - 14, 540 + providers.length),
      councilCodes: [],
    };
    providers.push(provider);
    return provider;
  };

  const regions = new Map<string, Council[]>();
  for (const council of councils) regions.set(council.regionCode, [...(regions.get(council.regionCode) ?? []), council]);
  const regionCodes = [...regions.keys()].sort();

  // Charities are regional; roughly one per four councils, alternating what they offer so that
  // every region has at least one for each service (index 0 offers both).
  const offers: { label: string; services: Service[] }[] = [
    { label: 'Visitors and Mentors', services: ['INDEPENDENT_VISITOR', 'MENTORING'] },
    { label: 'Visitors', services: ['INDEPENDENT_VISITOR'] },
    { label: 'Mentors', services: ['MENTORING'] },
  ];
  const charities = new Map<string, Provider[]>();
  for (const regionCode of regionCodes) {
    const members = regions.get(regionCode)!;
    const count = Math.max(2, Math.round(members.length / 3.8));
    const list: Provider[] = [];
    for (let index = 0; index < count; index += 1) {
      const offer = offers[index % offers.length];
      list.push(newProvider(`Tandem Demo ${offer.label} ${members[0].regionName} ${index + 1}`, 'CHARITY', offer.services, regionCode));
    }
    charities.set(regionCode, list);
  }
  const networks = Array.from({ length: NATIONAL_MENTORING_NETWORKS }, (_, index) =>
    newProvider(`Tandem Demo Mentoring Network ${index + 1}`, 'OTHER', ['MENTORING'], null),
  );
  const sizeable = councils.filter((council) => council.childrenLookedAfter >= 250 && council.code !== SHOWCASE_COUNCIL_CODE);
  const inHouse = new Map<string, Provider>();
  for (const council of random.sample(sizeable, IN_HOUSE_TEAMS).sort((a, b) => a.code.localeCompare(b.code))) {
    inHouse.set(
      council.code,
      newProvider(`Tandem Demo ${plainName(council.name)} Council Independent Visitor Team`, 'COUNCIL_TEAM', ['INDEPENDENT_VISITOR'], council.regionCode),
    );
  }

  const load = new Map<Provider, number>();
  const leastLoaded = (candidates: Provider[], except?: Provider): Provider | undefined => {
    const eligible = candidates.filter((candidate) => candidate !== except);
    if (eligible.length === 0) return undefined;
    const fewest = Math.min(...eligible.map((candidate) => load.get(candidate) ?? 0));
    return random.pick(eligible.filter((candidate) => (load.get(candidate) ?? 0) === fewest));
  };
  const commission = (provider: Provider, council: Council, service: Service, startsOn: Day, endsOn: Day | null, share: number): Commission => {
    const created = { id: random.uuid(), provider, councilCode: council.code, service, startsOn, endsOn, share };
    commissions.push(created);
    load.set(provider, (load.get(provider) ?? 0) + 1);
    if (!provider.councilCodes.includes(council.code)) provider.councilCodes.push(council.code);
    return created;
  };
  // Most councils commissioned from the start; some came later, which leaves a backlog behind.
  // A council created later (Cumberland) commissions from its first day at the earliest.
  const startDate = (showcase: boolean, council: Council): Day =>
    Math.max(showcase || random.chance(0.8) ? DEMO_START : Math.min(addMonths(DEMO_START, random.int(2, 42)), today), firstDemoDay(council.code));

  const plans: CouncilPlan[] = [];
  for (const council of councils) {
    const showcase = council.code === SHOWCASE_COUNCIL_CODE;
    const regional = charities.get(council.regionCode)!;
    const offering = (service: Service) => regional.filter((provider) => provider.services.includes(service));
    const services = {} as Record<Service, ServicePlan>;
    for (const service of SERVICES) {
      const iv = service === 'INDEPENDENT_VISITOR';
      // Resourcing and demand vary a lot between councils; the spread is what gives rankings and
      // quartiles something to show. Rates are relative here and rescaled to the national total below.
      const spread = Math.exp(0.4 * random.normal());
      const capacityRate = showcase ? (iv ? 0.06 : 0.04) : Math.min(iv ? 0.09 : 0.06, Math.max(iv ? 0.012 : 0.008, (iv ? 0.031 : 0.022) * spread));
      const pressed = random.chance(iv ? 0.52 : 0.6);
      const pressure = showcase ? 1.45 : pressed ? 1.1 + random.float() * 0.7 : 0.3 + random.float() * 0.5;
      // Large councils all buy an independent visitor service; the gaps are among smaller ones.
      const wanted = random.chance(iv ? (council.childrenLookedAfter >= 700 ? 0.98 : 0.85) : 0.6);
      const plan: ServicePlan = { commissions: [], capacityRate, pressure };
      services[service] = plan;
      if (council.childrenLookedAfter === 0) continue;
      const team = iv ? inHouse.get(council.code) : undefined;
      if (!showcase && !team && !wanted) continue;
      const startsOn = startDate(showcase, council);
      if (team) {
        plan.commissions.push(commission(team, council, service, startsOn, null, 1));
        continue;
      }
      const main = service === 'MENTORING' && random.chance(0.2) ? random.pick(networks) : leastLoaded(offering(service))!;
      const successor = leastLoaded(offering(service), main);
      // A few councils changed provider part-way through: the old contract ends, the new one
      // starts the next day, and matches still running with the old provider end with it.
      if (!showcase && startsOn === DEMO_START && successor && random.chance(0.07)) {
        const switchedOn = addMonths(DEMO_START, random.int(14, 44)) - 1;
        if (switchedOn < today - 120) {
          plan.commissions.push(commission(main, council, service, startsOn, switchedOn, 1));
          plan.commissions.push(commission(successor, council, service, switchedOn + 1, null, 1));
          continue;
        }
      }
      const partner = random.chance(0.15) ? successor : undefined;
      plan.commissions.push(commission(main, council, service, startsOn, null, partner ? 0.6 : 1));
      if (partner) plan.commissions.push(commission(partner, council, service, startsOn, null, 0.4));
    }
    plans.push({ council, services });
  }

  // Which councils happen to commission and how generously is random, but the national total of
  // places is not: rescale so England's coverage lands near the real figure whatever the seed.
  const allChildren = councils.reduce((sum, council) => sum + council.childrenLookedAfter, 0);
  for (const service of SERVICES) {
    const funded = plans.filter((plan) => plan.services[service].commissions.length > 0);
    const places = funded.reduce((sum, plan) => sum + plan.council.childrenLookedAfter * plan.services[service].capacityRate, 0);
    const factor = places > 0 ? (NATIONAL_PLACES_PER_CHILD[service] * allChildren) / places : 1;
    for (const plan of funded) plan.services[service].capacityRate *= factor;
  }

  // A charity nobody commissions would be an empty row on every screen: give each one a share of
  // the busiest council in its region that already has the service.
  for (const provider of providers) {
    if ((load.get(provider) ?? 0) > 0 || provider.regionCode === null) continue;
    const service = provider.services[0];
    const candidates = plans.filter(
      (plan) =>
        plan.council.regionCode === provider.regionCode &&
        plan.services[service].commissions.length === 1 &&
        plan.services[service].commissions[0].endsOn === null &&
        plan.services[service].commissions[0].provider.kind === 'CHARITY',
    );
    const host = candidates.sort((a, b) => b.council.childrenLookedAfter - a.council.childrenLookedAfter)[0];
    if (!host) continue;
    const existing = host.services[service].commissions[0];
    existing.share = 0.6;
    host.services[service].commissions.push(commission(provider, host.council, service, existing.startsOn, null, 0.4));
  }

  return { providers, commissions, councils: plans, start: DEMO_START };
}

/** "Bristol, City of" reads as "City of Bristol" inside a provider's name. */
function plainName(name: string): string {
  const [place, prefix] = name.split(', ');
  return prefix ? `${prefix} ${place}` : name;
}
