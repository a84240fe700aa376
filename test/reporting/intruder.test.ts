import { loadConfig } from '../../src/config';
import { loadDemoData } from '../../src/demo/demoData';
import { refreshReports } from '../../src/reporting/refresh';
import { analyst } from '../support/fixtures';
import { createTestDatabase, TestDatabase } from '../support/testDatabase';
import { TestServer } from '../support/testServer';
import {
  attackTable,
  AttackKind,
  Cell,
  csvGraphqlDifferences,
  csvRecords,
  Deduction,
  feasibleBands,
  GraphqlComparison,
  NEW_RULES,
  OLD_RULES,
  PublishedArea,
  PublishedCouncil,
  PublishedTable,
  publishedTable,
} from './intruder';

/**
 * An independent intruder against the public (disclosure-controlled) outputs: what can someone who
 * knows METRICS.md's rules deduce about each suppressed council count from the anonymous CSV and
 * the anonymous councilComparison? See intruder.ts for the attacks. Nothing here imports the
 * product's disclosure code: the tables under "the rules as they are now" and "the new rules"
 * below are written by hand.
 */

// ---------------------------------------------------------------------------------------------
// Hand-built published tables

const C: Cell = { value: null, status: 'SUPPRESSED' };
const cell = (value: number | 'c'): Cell => (value === 'c' ? C : { value, status: 'OK' });

/** A council row as published: counts or 'c'. */
function la(
  code: string,
  cla: number,
  matched: number | 'c',
  rate: number | 'c',
  rank: number | null,
  extra: { quartile?: number | null; waiting?: number | 'c'; volunteers?: number | 'c' } = {},
): PublishedCouncil {
  return {
    code,
    region: 'R1',
    childrenLookedAfter: cell(cla),
    childrenMatched: cell(matched),
    coverageRate: cell(rate),
    waiting: cell(extra.waiting ?? 0),
    rank,
    quartile: extra.quartile ?? null,
    volunteersAvailable: extra.volunteers === undefined ? undefined : cell(extra.volunteers),
  };
}

/** An area row as published (rounded counts). */
function area(
  code: string,
  cla: number,
  matched: number,
  rate: number,
  waiting = 0,
  pool?: { volunteers: number; childrenWaiting: number; ratio: number },
): PublishedArea {
  return {
    code,
    childrenLookedAfter: cell(cla),
    childrenMatched: cell(matched),
    coverageRate: cell(rate),
    waiting: cell(waiting),
    medianWaitDays: waiting ? cell(30) : { value: null, status: 'NOT_APPLICABLE' },
    volunteersAvailable: pool ? cell(pool.volunteers) : undefined,
    childrenWaiting: pool ? cell(pool.childrenWaiting) : undefined,
    volunteersPerWaitingChild: pool ? cell(pool.ratio) : undefined,
  };
}

/** One region, and England equal to it. */
function table(label: string, councils: PublishedCouncil[], region: PublishedArea): PublishedTable {
  return {
    label,
    councils,
    regions: [region],
    england: { ...region, code: 'E92000001', volunteersAvailable: undefined, childrenWaiting: undefined, volunteersPerWaitingChild: undefined },
  };
}

const find = (cells: Deduction[], council: string, metric = 'childrenMatched') => {
  const found = cells.find((c) => c.council === council && c.metric === metric);
  if (!found) throw new Error(`no deduction for ${metric} of ${council}`);
  return [found.lo, found.hi];
};

/**
 * Nothing recovered, nothing narrowed below the requirement, and no contradiction: whether the
 * intruder is told the new rules or has to infer them from the table.
 */
function expectProtected(t: PublishedTable): void {
  for (const rules of [NEW_RULES, undefined]) {
    const result = attackTable(t, { rules });
    expect(result.inconsistencies).toEqual([]);
    expect(result.cells.length).toBeGreaterThan(0);
    expect(result.cells.filter((c) => c.recovered || c.belowRequirement)).toEqual([]);
  }
}

describe('attacks on hand-built tables', () => {
  // True counts: A 10/100, B 12/200, C 10/300, RUT 1/32 (3.1%), H2 5/160 (3.1%), D 6/200, E 6/250.
  // Region: 50 matched, 1242 looked after. RUT is the primary, H2 the secondary (next smallest).
  describe('rank gaps', () => {
    const councilsNow = [
      la('A', 100, 10, 10, 1),
      la('B', 200, 12, 6, 2),
      la('C', 300, 10, 3.3, 3),
      la('H2', 160, 'c', 'c', null),
      la('RUT', 32, 'c', 'c', null),
      // ranks jump 3 -> 6: two hidden councils have a rate in (3.0, 3.3]
      la('D', 200, 6, 3, 6),
      la('E', 250, 6, 2.4, 7),
    ];
    const now = table('ranks among all rates', councilsNow, area('R1', 1242, 50, 4));

    it('recovers a Rutland-like 1 of 32 looked after (only 1/32 = 3.1% fits the gap), and its partner', () => {
      const { cells, inconsistencies, modes } = attackTable(now, { kinds: ['rank'] });
      expect(inconsistencies).toEqual([]);
      expect(modes.ranksAmongAll).toBe(true);
      expect(find(cells, 'RUT')).toEqual([1, 1]);
      expect(find(cells, 'H2')).toEqual([5, 5]);
      // Without the ranks, the same table protects them.
      const withoutRanks = attackTable(now, { kinds: ['difference', 'rate', 'ratio'] });
      expect(withoutRanks.cells.every((c) => !c.recovered)).toBe(true);
    });

    it('recovers nothing when ranks are among published rates only', () => {
      const councilsNew = [
        la('A', 100, 10, 10, 1, { quartile: 1 }),
        la('B', 200, 12, 6, 2, { quartile: 2 }),
        la('C', 300, 10, 3.3, 3, { quartile: 3 }),
        la('H2', 160, 'c', 'c', null),
        la('RUT', 32, 'c', 'c', null),
        la('D', 200, 6, 3, 4, { quartile: 4 }),
        la('E', 250, 6, 2.4, 5, { quartile: 4 }),
      ];
      const published = table('ranks among published rates', councilsNew, area('R1', 1242, 50, 4));
      expect(attackTable(published).modes.ranksAmongAll).toBe(false);
      expect(find(attackTable(published).cells, 'RUT')).toEqual([1, 6]);
      expectProtected(published);
    });
  });

  // True counts: A 20, B 17, C 15, P 1, Q 1: region 54, published 50 (45..54).
  describe('differencing with rounding intervals', () => {
    it('recovers both suppressed councils when the visible ones leave room for exactly 2', () => {
      const now = table(
        'difference now',
        [la('A', 400, 20, 5, null), la('B', 300, 17, 5.7, null), la('C', 250, 15, 6, null), la('P', 100, 'c', 'c', null), la('Q', 80, 'c', 'c', null)],
        area('R1', 1130, 50, 4.8),
      );
      const { cells } = attackTable(now, { kinds: ['difference'] });
      expect(find(cells, 'P')).toEqual([1, 1]);
      expect(find(cells, 'Q')).toEqual([1, 1]);
    });

    it('recovers nothing once the next smallest council is suppressed too and the rate comes from the rounded count', () => {
      // 50 / 1130 = 4.4%: the rate says nothing the rounded count does not.
      const published = table(
        'difference, new rules',
        [la('A', 400, 20, 5, null), la('B', 300, 17, 5.7, null), la('C', 250, 'c', 'c', null), la('P', 100, 'c', 'c', null), la('Q', 80, 'c', 'c', null)],
        area('R1', 1130, 50, 4.4),
      );
      expect(find(attackTable(published).cells, 'P')).toEqual([1, 15]);
      expectProtected(published);
    });
  });

  // True counts: A 30, B 15, P 1, Q 1: region 47 of 1000 looked after, published 50 (45..54).
  describe('region coverage rate with its public denominator', () => {
    it('recovers the suppressed councils from a rate computed on the unrounded count', () => {
      const now = table(
        'rate now',
        [la('A', 400, 30, 7.5, null), la('B', 300, 15, 5, null), la('P', 150, 'c', 'c', null), la('Q', 150, 'c', 'c', null)],
        area('R1', 1000, 50, 4.7),
      );
      expect(attackTable(now, { kinds: ['difference'] }).cells.every((c) => !c.recovered)).toBe(true);
      const { cells, modes } = attackTable(now, { kinds: ['difference', 'rate'] });
      expect(modes.areaRates).toBe(true);
      expect(find(cells, 'P')).toEqual([1, 1]);
      expect(find(cells, 'Q')).toEqual([1, 1]);
    });

    it('recovers nothing when the rate is computed from the rounded count', () => {
      const published = table(
        'rate, new rules',
        [la('A', 400, 30, 7.5, null), la('B', 300, 15, 5, null), la('P', 150, 'c', 'c', null), la('Q', 150, 'c', 'c', null)],
        area('R1', 1000, 50, 5),
      );
      expect(attackTable(published).modes.areaRates).toBe(false);
      expectProtected(published);
    });
  });

  // True counts: volunteers A 30, B 20, P 2, Q 2 (54); waiting A 21, B 12, P 1, Q 1 (35); matched 55 (60).
  // Published rounded 50 and 40; the ratio from the unrounded counts is 54 / 35 = 1.54.
  describe('region volunteers per waiting child', () => {
    const councils = (volunteersB: number | 'c') => [
      la('A', 400, 20, 5, null, { waiting: 21, volunteers: 30 }),
      la('B', 300, 15, 5, null, { waiting: 12, volunteers: volunteersB }),
      la('P', 150, 10, 6.7, null, { waiting: 'c', volunteers: 'c' }),
      la('Q', 150, 10, 6.7, null, { waiting: 'c', volunteers: 'c' }),
    ];

    it('pins both region counts, and so the suppressed waiting counts', () => {
      const now = table('ratio now', councils(20), area('R1', 1000, 60, 5.5, 40, { volunteers: 50, childrenWaiting: 40, ratio: 1.54 }));
      const alone = attackTable(now, { kinds: ['difference'] });
      expect(find(alone.cells, 'P', 'waiting')).toEqual([1, 10]);
      const { cells, modes } = attackTable(now, { kinds: ['difference', 'ratio'] });
      expect(modes.areaRatios).toBe(true);
      expect(find(cells, 'P', 'waiting')).toEqual([1, 1]);
      expect(find(cells, 'Q', 'waiting')).toEqual([1, 1]);
      expect(find(cells, 'P', 'volunteersAvailable')).toEqual([1, 3]);
    });

    it('recovers nothing when the ratio comes from the rounded counts (50 / 40) and the next smallest volunteers count is suppressed', () => {
      const published = table('ratio, new rules', councils('c'), area('R1', 1000, 60, 6, 40, { volunteers: 50, childrenWaiting: 40, ratio: 1.25 }));
      expect(attackTable(published).modes.areaRatios).toBe(false);
      expect(find(attackTable(published).cells, 'P', 'waiting')).toEqual([1, 10]);
      expectProtected(published);
    });
  });

  it('reads `low` as 1 to 4 and, where `low` exists, a published 0 as exactly 0', () => {
    // Waiting: A 0, B 0, P 2, Q 1 -> region 3, published `low`; elsewhere in England nobody waits.
    const councils = [
      la('A', 400, 20, 5, null, { waiting: 0 }),
      la('B', 300, 15, 5, null, { waiting: 0 }),
      la('P', 150, 10, 6.7, null, { waiting: 'c' }),
      la('Q', 150, 10, 6.7, null, { waiting: 'c' }),
    ];
    const low: PublishedArea = { ...area('R1', 1000, 60, 5.5), waiting: { value: null, status: 'LOW' } };
    const result = attackTable(table('low', councils, low));
    expect(find(result.cells, 'P', 'waiting')).toEqual([1, 3]);
    expect(result.cells.find((c) => c.council === 'P')!.belowRequirement).toBe(true);
  });

  it('assigns hidden councils to rank bands only where a complete assignment exists', () => {
    // Two bands of one place each; council 0 can only go to band 0, so council 1 must take band 1.
    expect(feasibleBands([new Set([0]), new Set([0, 1])], [1, 1])).toEqual([new Set([0]), new Set([1])]);
    expect(feasibleBands([new Set([0]), new Set([0])], [1, 1])).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------
// The demo data: every month end, both services

const TODAY = '2026-12-01';
const SERVICES = ['INDEPENDENT_VISITOR', 'MENTORING'] as const;

const COMPARISON = `query Intruder($service: Service!, $date: LocalDate!) {
  councilComparison(service: $service, date: $date) {
    disclosureControlled
    england { ...Figures }
    regions { regionCode figures { ...Figures } volunteerPool { ...Pool } }
    councils { localAuthority { code regionCode } rank quartile figures { ...Figures } volunteerPool { ...Pool } }
  }
}
fragment Value on Figure { value status }
fragment Figures on CoverageFigures {
  childrenLookedAfter { ...Value } childrenMatched { ...Value } coverageRate { ...Value } waiting { ...Value }
  hasWaitingList medianWaitDays { ...Value } p90WaitDays { ...Value }
}
fragment Pool on VolunteerPool { volunteersAvailable { ...Value } childrenWaiting { ...Value } volunteersPerWaitingChild { ...Value } }`;

type Fetched = { service: string; date: string; csv: string; pub: GraphqlComparison & { disclosureControlled: boolean }; truth: Map<string, number> };

describe('the intruder against the demo data (scale 1, seed 42), every month end, both services', () => {
  let database: TestDatabase;
  let server: TestServer;
  let http: { url: string; close: () => Promise<void> };
  let fetched: Fetched[] = [];
  /** null when the schema cannot be read: the intruder then infers the rules table by table. */
  let newRules: boolean | null = null;
  let started = 0;

  beforeAll(async () => {
    started = Date.now();
    database = await createTestDatabase();
    await loadDemoData(database.dataSource, { scale: 1, seed: 42, today: TODAY });
    const refreshed = await refreshReports(database.dataSource);
    expect(refreshed.status).toBe('SUCCEEDED');
    // Anonymous requests are rate limited per address; this test makes a few hundred.
    const config = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      AUTH_JWT_SECRET: 'test-secret-test-secret-test-secret-0123',
      ANONYMOUS_REQUESTS_PER_MINUTE: '100000',
    });
    server = await TestServer.start(database.dataSource, config);
    http = await server.listen();

    // The rules in force: FigureStatus LOW came with the new rules (low, area figures from rounded counts, ranks among published rates).
    const introspection = await graphql('{ __type(name: "FigureStatus") { enumValues { name } } }', {});
    const statuses: { name: string }[] | undefined = introspection.data?.__type?.enumValues;
    newRules = statuses ? statuses.some((v) => v.name === 'LOW') : null;

    const months: { service: string; month_end: string }[] = await database.dataSource.query(
      `select distinct service, to_char(month_end, 'YYYY-MM-DD') as month_end from reporting.rollup_england_month order by 1, 2`,
    );
    const jobs = SERVICES.flatMap((service) => months.filter((m) => m.service === service).map((m) => ({ service, date: m.month_end })));
    fetched = [];
    for (let i = 0; i < jobs.length; i += 6) {
      fetched.push(...(await Promise.all(jobs.slice(i, i + 6).map(fetchTable))));
    }
    console.log(
      `intruder: fetched ${fetched.length} tables (${months.length} service-month ends) in ${Date.now() - started} ms, rules: ${newRules === null ? 'inferred per table' : newRules ? 'new (FigureStatus has LOW)' : 'old (no LOW)'}`,
    );
  }, 600_000);

  afterAll(async () => {
    await http?.close();
    await server?.stop();
    await database?.drop();
  });

  /** Anonymous GraphQL over HTTP. */
  async function graphql(query: string, variables: Record<string, unknown>) {
    const response = await fetch(`${http.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    expect(response.status).toBe(200);
    return (await response.json()) as { data?: any; errors?: { message: string }[] }; // eslint-disable-line @typescript-eslint/no-explicit-any
  }

  async function fetchTable({ service, date }: { service: string; date: string }): Promise<Fetched> {
    const [csvResponse, pub, full] = await Promise.all([
      fetch(`${http.url}/reports/council-coverage.csv?service=${service}&date=${date}`),
      graphql(COMPARISON, { service, date }),
      server.execute(COMPARISON, { service, date }, analyst),
    ]);
    expect(csvResponse.status).toBe(200);
    const csv = await csvResponse.text();
    expect(pub.errors).toBeUndefined();
    expect(full.errors).toBeUndefined();
    // The true counts, from the unsuppressed audience, to check the intruder is sound.
    const truth = new Map<string, number>();
    type FullCouncil = {
      localAuthority: { code: string };
      figures: Record<string, { value: number }>;
      volunteerPool: { volunteersAvailable: { value: number } } | null;
    };
    for (const council of (full.data as { councilComparison: { councils: FullCouncil[] } }).councilComparison.councils) {
      const code = council.localAuthority.code;
      truth.set(`childrenMatched:${code}`, council.figures.childrenMatched.value);
      truth.set(`waiting:${code}`, council.figures.waiting.value);
      if (council.volunteerPool) truth.set(`volunteersAvailable:${code}`, council.volunteerPool.volunteersAvailable.value);
    }
    return { service, date, csv, pub: pub.data.councilComparison, truth };
  }

  const label = (t: Fetched) => `${t.service} ${t.date}`;
  const tables = () => fetched.map((t) => ({ fetched: t, table: publishedTable(label(t), t.csv, t.pub) }));

  it('covers every month end of both services, and the anonymous outputs are disclosure-controlled', () => {
    expect(fetched.length).toBeGreaterThanOrEqual(2 * 60);
    expect(new Set(fetched.map((t) => t.service))).toEqual(new Set(SERVICES));
    expect(fetched.every((t) => t.pub.disclosureControlled)).toBe(true);
    for (const t of fetched) {
      const records = csvRecords(t.csv);
      expect(records.filter((r) => r.geographic_level === 'Local authority')).toHaveLength(t.pub.councils.length);
    }
  });

  it('the CSV and the GraphQL comparison agree cell for cell on England, region and council figures', () => {
    const differences = fetched.flatMap((t) => csvGraphqlDifferences(t.csv, t.pub).map((d) => `${label(t)}: ${d}`));
    expect(differences.slice(0, 20)).toEqual([]);
    expect(differences).toHaveLength(0);
  });

  it('recovers no suppressed council count and narrows none below the protection requirement', () => {
    const attacked = tables();
    // The rules in force, as the schema shows them: `LOW` came with the new rules.
    const rules = newRules === null ? undefined : newRules ? NEW_RULES : OLD_RULES;
    const results = attacked.map(({ fetched: t, table }) => ({ t, result: attackTable(table, { rules }) }));
    const cells = results.flatMap(({ result }) => result.cells);
    const recovered = cells.filter((c) => c.recovered);
    const narrowed = cells.filter((c) => c.belowRequirement);
    // The intruder must be sound: every true value inside its range, no contradiction found.
    const unsound = results.flatMap(({ t, result }) =>
      result.cells
        .filter((c) => {
          const truth = t.truth.get(`${c.metric}:${c.council}`);
          return truth === undefined || truth < c.lo || truth > c.hi;
        })
        .map((c) => `${c.table} ${c.metric} of ${c.council}: [${c.lo}, ${c.hi}] but ${t.truth.get(`${c.metric}:${c.council}`)}`),
    );
    const inconsistent = results.flatMap(({ result }) => result.inconsistencies);

    const count = (list: Deduction[], pick: (c: Deduction) => string) =>
      list.reduce<Record<string, number>>((acc, c) => ({ ...acc, [pick(c)]: (acc[pick(c)] ?? 0) + 1 }), {});
    const byKind: string[] = [];
    const configurations: [string, AttackKind[]][] = [
      ['difference', ['difference']],
      ['difference+rate', ['difference', 'rate']],
      ['difference+ratio', ['difference', 'ratio']],
      ['rank', ['rank']],
    ];
    if (recovered.length + narrowed.length > 0) {
      // Which attack does it: each alone (rank with the bounds only), to say where the leak is.
      for (const [name, kinds] of configurations) {
        const partial = attacked.flatMap(({ table }) => attackTable(table, { kinds, rules }).cells);
        byKind.push(`${name}: recovered ${partial.filter((c) => c.recovered).length}, narrowed ${partial.filter((c) => c.belowRequirement).length}`);
      }
    }
    console.log(
      [
        `intruder: ${attacked.length} tables, ${cells.length} suppressed cells attacked, ${recovered.length} recovered, ${narrowed.length} narrowed below the requirement` +
          ` (${unsound.length} unsound, ${inconsistent.length} inconsistencies; ${newRules === null ? 'inferred' : newRules ? 'new' : 'old'} rules), ${Date.now() - started} ms since the start`,
        `  attacked by metric ${JSON.stringify(count(cells, (c) => c.metric))}, by service ${JSON.stringify(count(cells, (c) => c.table.split(' ')[0]))}`,
        `  recovered by metric ${JSON.stringify(count(recovered, (c) => c.metric))}, by service ${JSON.stringify(count(recovered, (c) => c.table.split(' ')[0]))}`,
        `  narrowed by metric ${JSON.stringify(count(narrowed, (c) => c.metric))}, by service ${JSON.stringify(count(narrowed, (c) => c.table.split(' ')[0]))}`,
        ...byKind.map((line) => `  ${line}`),
        ...recovered.slice(0, 5).map((c) => `  e.g. recovered ${c.table} ${c.metric} of ${c.council} = ${c.lo}`),
        ...narrowed
          .filter((c) => !c.recovered)
          .slice(0, 5)
          .map((c) => `  e.g. narrowed ${c.table} ${c.metric} of ${c.council} to [${c.lo}, ${c.hi}]`),
      ].join('\n'),
    );
    expect(unsound.slice(0, 10)).toEqual([]);
    expect(inconsistent.slice(0, 10)).toEqual([]);
    expect(cells.length).toBeGreaterThan(0);
    expect(recovered.length).toBe(0);
    expect(narrowed.length).toBe(0);
  }, 300_000);
});
