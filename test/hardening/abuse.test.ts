import { randomBytes, randomUUID } from 'node:crypto';
import type { Principal } from '../../src/auth/viewer';
import { Role } from '../../src/auth/roles';
import { loadConfig } from '../../src/config';
import { todayInLondon } from '../../src/graphql/dates';
import { tableChecksums } from '../support/checksum';
import { admin, coordinator, daysAgo, Fixtures, officer } from '../support/fixtures';
import { createTestDatabase, TestDatabase } from '../support/testDatabase';
import { testConfig, testLogger, TestServer, tokenFor } from '../support/testServer';

/**
 * Abuse tests (issue 6, item 3). Every mutation and every query filter gets hostile values over
 * real HTTP: malformed and forged global IDs, another council's records, SQL-like and script-like
 * strings, 1 MB strings, control characters and odd Unicode, impossible and future dates,
 * negative and huge numbers, wrong enum values, missing and extra fields. Each must end in a
 * GraphQL validation error or a typed payload error (an empty or null result for a filter), never
 * a 5xx or an INTERNAL error, never council B's records for a caller from council A, and with
 * every table byte-for-byte as it was when the request failed.
 *
 * A few hostile-looking values are legitimate (a provider called "<script>…", an optional reason
 * of only spaces, a commission ending in 2999): those may succeed, but then what is stored must be
 * exactly what was sent, trimmed.
 */

const A = 'E06000001';
const B = 'E06000002';
const ABOLISHED = 'E10000006'; // Cumbria
const MEGABYTE = 'x'.repeat(1024 * 1024);

const TYPED_CODES = new Set([
  'VALIDATION',
  'NOT_FOUND',
  'CONFLICT',
  'INVALID_TRANSITION',
  'FORBIDDEN',
  'DBS_EXPIRED',
  'CAPACITY_REACHED',
  'NOT_COMMISSIONED',
  'RATE_LIMITED',
]);
const VALIDATION_CODES = new Set(['GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT']);
/** The tables the issue names; every other table in the public schema is checked too. */
const NAMED_TABLES = [
  'providers',
  'commissions',
  'children',
  'referrals',
  'volunteers',
  'matches',
  'visits',
  'self_referrals',
  'audit_events',
  'councils',
  'official_statistics',
  'statistical_neighbours',
];

type Obj = Record<string, unknown>;
type Caller = 'admin' | 'officerA' | 'coordinatorA' | 'anonymous';
type Expectation = 'reject' | 'either';

type CouncilWorld = {
  code: string;
  providerId: string;
  /** Children without referrals: for convertSelfReferral and createReferral. */
  freeChild: string;
  freeChild2: string;
  newReferralAccept: string;
  newReferralClose: string;
  acceptedReferral: string;
  /** APPROVED, maxMatches 10: the proposals of the world. */
  volunteerApproved: string;
  /** APPROVED, maxMatches 10: for proposals made fresh for a case. */
  spareVolunteer: string;
  volunteerApplied: string;
  volunteerTraining: string;
  matchToStart: string;
  matchToCancel: string;
  /** ACTIVE, with one visit. */
  matchActive: string;
  visit: string;
  selfReferralConvert: string;
  selfReferralDismiss: string;
  /** A target of the council's (public, so not among the secrets). */
  target: string;
  /** Case references, receipt numbers and global IDs of the council's records. */
  secrets: string[];
};

type World = { A: CouncilWorld; B: CouncilWorld; childrenCursor: string; monthEnd: string };

let database: TestDatabase;
/** MAX_BODY_BYTES 2 MB, self-referrals and anonymous requests effectively unlimited. */
let big: { server: TestServer; http: { url: string; close: () => Promise<void> } };
/** Default configuration: 100 kB bodies. */
let standard: { server: TestServer; http: { url: string; close: () => Promise<void> } };
let world: World;
const tokens: Partial<Record<Caller, string>> = {};
let publicTables: string[];
let reportingBefore: Record<string, string>;

// ---------------------------------------------------------------------------------------------
// Helpers

const gid = (type: string, key: string) => Buffer.from(`${type}:${key}`, 'utf8').toString('base64url');
const keyOf = (id: string) => Buffer.from(id, 'base64url').toString('utf8').split(':').slice(1).join(':');

function dig(value: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((current, key) => (current !== null && typeof current === 'object' ? (current as Obj)[key] : undefined), value);
}

const OMIT = Symbol('omit');

function withValue(input: Obj, path: string, value: unknown): Obj {
  const copy = structuredClone(input);
  const keys = path.split('.');
  let target = copy;
  for (const key of keys.slice(0, -1)) {
    target[key] = { ...((target[key] as Obj | undefined) ?? {}) };
    target = target[key] as Obj;
  }
  const last = keys[keys.length - 1];
  if (value === OMIT) delete target[last];
  else target[last] = value;
  return copy;
}

/** A GraphQL input literal; enum values (by dotted path) unquoted. */
function literal(value: unknown, enums: Set<string>, path = ''): string {
  if (Array.isArray(value)) return `[${value.map((item) => literal(item, enums, path)).join(', ')}]`;
  if (value === null) return 'null';
  if (typeof value === 'object') {
    return `{ ${Object.entries(value as Obj)
      .map(([key, item]) => `${key}: ${literal(item, enums, path ? `${path}.${key}` : key)}`)
      .join(', ')} }`;
  }
  if (typeof value === 'string') return enums.has(path) ? value : JSON.stringify(value);
  return String(value);
}

/** The two big reference tables (thousands of rows), whose md5 takes most of a checksum's time. */
const LARGE_TABLES = ['official_statistics', 'statistical_neighbours'];
let largeTables: { watermark: string; sums: Record<string, string> } | null = null;

/**
 * The checksums of tableChecksums (an md5 over every row) for every table in the public schema,
 * in one statement: the small tables each time; the two large reference tables again whenever
 * PostgreSQL shows a committed write to them (their row count or the sum of their rows' xmin
 * changed), otherwise their last md5 still holds. 'the world' checks this agrees with
 * tableChecksums.
 */
async function checksums(): Promise<Record<string, string>> {
  const small = publicTables.filter((table) => !LARGE_TABLES.includes(table));
  const sums = small.map((table) => `(select coalesce(md5(string_agg(t::text, '|' order by t::text)), 'empty') from ${table} t) as "${table}"`);
  const watermark = LARGE_TABLES.map((table) => `(select count(*) || ':' || coalesce(sum(xmin::text::bigint), 0) from ${table})`).join(" || '/' || ");
  const [row]: Record<string, string>[] = await database.dataSource.query(`select ${sums.join(', ')}, ${watermark} as "watermark"`);
  const { watermark: current, ...smallSums } = row;
  if (!largeTables || largeTables.watermark !== current) largeTables = { watermark: current, sums: await tableChecksums(database.dataSource, LARGE_TABLES) };
  return { ...smallSums, ...largeTables.sums };
}

/** The last checksums taken, valid while nothing has written since. */
let lastChecksums: Record<string, string> | null = null;

type Sent = { status: number; text: string; body: { data?: Obj | null; errors?: { message: string; extensions?: Obj }[] } | null };

async function send(url: string, caller: Caller, payload: string): Promise<Sent> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const token = tokens[caller];
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(`${url}/graphql`, { method: 'POST', headers, body: payload });
  const text = await response.text();
  let body: Sent['body'] = null;
  try {
    body = JSON.parse(text) as Sent['body'];
  } catch {
    body = null;
  }
  return { status: response.status, text, body };
}

const excerpt = (text: string) => (text.length > 600 ? `${text.slice(0, 600)}… (${text.length} chars)` : text);

/** Council B's case references, receipt numbers and record IDs that the response must not hold. */
function leaks(caller: Caller, request: string, response: string): string[] {
  if (caller === 'admin') return [];
  return world.B.secrets.filter((secret) => !request.includes(secret) && response.includes(secret));
}

// ---------------------------------------------------------------------------------------------
// The world: councils A and B, each with a provider, children, referrals in every state,
// volunteers, a proposed and a started match with a visit, and NEW self-referrals.

const CREATE_REFERRAL = 'mutation($input: CreateReferralInput!) { createReferral(input: $input) { errors { code message } referral { id } } }';
const ACCEPT_REFERRAL = 'mutation($input: AcceptReferralInput!) { acceptReferral(input: $input) { errors { code message } referral { id } } }';
const PROPOSE_MATCH = 'mutation($input: ProposeMatchInput!) { proposeMatch(input: $input) { errors { code message } match { id } } }';

async function run(query: string, variables: Obj, principal: Principal | null, field: string, clientAddress = '127.0.0.1'): Promise<Obj> {
  const result = await big.server.execute(query, variables, principal, clientAddress);
  if (result.errors) throw new Error(`${field}: ${JSON.stringify(result.errors)}`);
  const payload = (result.data as Obj)[field] as Obj & { errors?: unknown[] };
  if (payload.errors?.length) throw new Error(`${field}: ${JSON.stringify(payload.errors)}`);
  return payload;
}

let uniqueCounter = 0;
const unique = () => `${(uniqueCounter += 1)}-${randomBytes(3).toString('hex')}`;

function builders(code: string, providerId: string, tag: string, secrets: string[]) {
  const asOfficer = officer(code);
  const asCoordinator = coordinator(providerId);
  const child = async (): Promise<string> => {
    const caseReference = `ABUSE-${tag}-${randomBytes(5).toString('hex')}`;
    const payload = await run(
      'mutation($input: RegisterChildInput!) { registerChild(input: $input) { errors { code message } child { id } } }',
      {
        input: {
          localAuthorityCode: code,
          caseReference,
          birthMonth: '2012-05',
          gender: 'FEMALE',
          ethnicity: 'WHITE',
          placementType: 'FOSTER_CARE',
          placedOutOfArea: false,
          lookedAfterSince: '2019-01-15',
          interests: ['football'],
          languages: ['english'],
        },
      },
      asOfficer,
      'registerChild',
    );
    const id = dig(payload, 'child.id') as string;
    secrets.push(caseReference, id);
    return id;
  };
  const referral = async (childId: string, referredDaysAgo: number): Promise<string> => {
    const payload = await run(
      CREATE_REFERRAL,
      {
        input: { childId, service: 'INDEPENDENT_VISITOR', source: 'SOCIAL_WORKER', referredOn: daysAgo(referredDaysAgo), reason: 'Would like a trusted adult' },
      },
      asOfficer,
      'createReferral',
    );
    const id = dig(payload, 'referral.id') as string;
    secrets.push(id);
    return id;
  };
  const accept = async (referralId: string, acceptedDaysAgo: number): Promise<string> => {
    await run(ACCEPT_REFERRAL, { input: { referralId, acceptedOn: daysAgo(acceptedDaysAgo) } }, asOfficer, 'acceptReferral');
    return referralId;
  };
  const propose = async (referralId: string, volunteerId: string, proposedDaysAgo: number): Promise<string> => {
    const payload = await run(PROPOSE_MATCH, { input: { referralId, volunteerId, proposedOn: daysAgo(proposedDaysAgo) } }, asCoordinator, 'proposeMatch');
    const id = dig(payload, 'match.id') as string;
    secrets.push(id);
    return id;
  };
  const volunteer = async (): Promise<string> => {
    const payload = await run(
      'mutation($input: RegisterVolunteerInput!) { registerVolunteer(input: $input) { errors { code message } volunteer { id } } }',
      {
        input: {
          providerId,
          homeLocalAuthorityCode: code,
          gender: 'MALE',
          languages: ['english'],
          interests: ['football'],
          maxMatches: 1,
          appliedOn: daysAgo(400),
        },
      },
      asCoordinator,
      'registerVolunteer',
    );
    const id = dig(payload, 'volunteer.id') as string;
    secrets.push(id);
    return id;
  };
  return { asOfficer, asCoordinator, child, referral, accept, propose, volunteer };
}

async function buildCouncil(code: string, tag: string): Promise<CouncilWorld> {
  const fixtures = new Fixtures(big.server);
  const providerId = await fixtures.provider([code]);
  const secrets: string[] = [];
  const make = builders(code, providerId, tag, secrets);

  const approved = async () => {
    const id = await fixtures.approvedVolunteer(providerId, code, { maxMatches: 10 });
    secrets.push(id);
    return id;
  };
  const volunteerApproved = await approved();
  const spareVolunteer = await approved();
  const volunteerApplied = await make.volunteer();
  const volunteerTraining = await make.volunteer();
  await run(
    'mutation($input: RecordVolunteerVettingInput!) { recordVolunteerVetting(input: $input) { errors { code message } volunteer { id status } } }',
    { input: { volunteerId: volunteerTraining, dbsIssuedOn: daysAgo(300), dbsUpdateService: false, referencesReceived: 2, trainingCompletedOn: daysAgo(250) } },
    make.asCoordinator,
    'recordVolunteerVetting',
  );

  const freeChild = await make.child();
  const freeChild2 = await make.child();
  const newReferralAccept = await make.referral(await make.child(), 10);
  const newReferralClose = await make.referral(await make.child(), 10);
  const acceptedReferral = await make.accept(await make.referral(await make.child(), 40), 30);
  const matchToStart = await make.propose(await make.accept(await make.referral(await make.child(), 40), 30), volunteerApproved, 20);
  const matchToCancel = await make.propose(await make.accept(await make.referral(await make.child(), 40), 30), volunteerApproved, 20);
  const matchActive = await make.propose(await make.accept(await make.referral(await make.child(), 40), 30), volunteerApproved, 20);
  await run(
    'mutation($input: StartMatchInput!) { startMatch(input: $input) { errors { code message } match { id } } }',
    { input: { matchId: matchActive, startedOn: daysAgo(15) } },
    make.asCoordinator,
    'startMatch',
  );
  const visitPayload = await run(
    'mutation($input: LogVisitInput!) { logVisit(input: $input) { errors { code message } visit { id } } }',
    { input: { matchId: matchActive, visitedOn: daysAgo(10), durationMinutes: 90, kind: 'IN_PERSON' } },
    make.asCoordinator,
    'logVisit',
  );
  const visit = dig(visitPayload, 'visit.id') as string;
  secrets.push(visit);

  // Two self-referrals, sent anonymously (from addresses of their own, clear of the rate limit).
  const receipts: string[] = [];
  for (const address of [`10.${tag === 'A' ? 1 : 2}.0.1`, `10.${tag === 'A' ? 1 : 2}.0.2`]) {
    const payload = await run(
      'mutation($input: SubmitSelfReferralInput!) { submitSelfReferral(input: $input) { errors { code message } receiptNumber } }',
      { input: { localAuthorityCode: code, service: 'MENTORING', ageYears: 14, message: `Please find me a mentor ${tag}`, contact: 'text me' } },
      null,
      'submitSelfReferral',
      address,
    );
    receipts.push(payload.receiptNumber as string);
  }
  const inbox = await big.server.execute('{ selfReferralInbox(first: 100) { edges { node { id receiptNumber } } } }', {}, make.asOfficer);
  const edges = dig(inbox.data, 'selfReferralInbox.edges') as { node: { id: string; receiptNumber: string } }[];
  const idOf = (receipt: string) => edges.find((edge) => edge.node.receiptNumber === receipt)!.node.id;
  const [selfReferralConvert, selfReferralDismiss] = receipts.map(idOf);
  secrets.push(...receipts, selfReferralConvert, selfReferralDismiss);
  const target = dig(await setTargetFor(code, daysAgo(-400)), 'target.id') as string;

  return {
    code,
    providerId,
    freeChild,
    freeChild2,
    newReferralAccept,
    newReferralClose,
    acceptedReferral,
    volunteerApproved,
    spareVolunteer,
    volunteerApplied,
    volunteerTraining,
    matchToStart,
    matchToCancel,
    matchActive,
    visit,
    selfReferralConvert,
    selfReferralDismiss,
    target,
    secrets,
  };
}

const SET_TARGET = 'mutation($input: SetTargetInput!) { setTarget(input: $input) { errors { code message } target { id } } }';

/** A council's own target, set by its officer (one per due date: a new date makes a new target). */
function setTargetFor(code: string, dueOn: string): Promise<Obj> {
  return run(
    SET_TARGET,
    { input: { name: `Abuse target ${unique()}`, areaCode: code, service: 'INDEPENDENT_VISITOR', metric: 'ACTIVE_MATCHES', value: 20, dueOn } },
    officer(code),
    'setTarget',
  );
}

let targetDay = 500;

/** A fresh target of council A, for a case that may legitimately remove it. */
async function freshTarget(): Promise<string> {
  return dig(await setTargetFor(A, daysAgo(-(targetDay += 1))), 'target.id') as string;
}

/** A fresh PROPOSED match in council A, for a case that may legitimately cancel it. */
async function freshProposedMatch(w: World): Promise<string> {
  const make = builders(A, w.A.providerId, 'A', w.A.secrets);
  return make.propose(await make.accept(await make.referral(await make.child(), 40), 30), w.A.spareVolunteer, 20);
}

/** A fresh child of council A without referrals, for a case that may legitimately refer it. */
async function freshChild(w: World): Promise<string> {
  return builders(A, w.A.providerId, 'A', w.A.secrets).child();
}

async function serve(env: Record<string, string>) {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', AUTH_JWT_SECRET: testConfig.jwtSecret, ...env });
  const server = await TestServer.start(database.dataSource, config, testLogger);
  return { server, http: await server.listen() };
}

beforeAll(async () => {
  database = await createTestDatabase();
  big = await serve({ MAX_BODY_BYTES: '2097152', SELF_REFERRALS_PER_HOUR: '100000', ANONYMOUS_REQUESTS_PER_MINUTE: '1000000' });
  standard = await serve({});

  const worldA = await buildCouncil(A, 'A');
  const worldB = await buildCouncil(B, 'B');
  // The reports are built, so the national views have dates to compare.
  await run('mutation { refreshReports { errors { code message } status } }', {}, admin, 'refreshReports');
  const children = await big.server.execute('{ children(first: 1) { pageInfo { endCursor } } }', {}, officer(A));
  const [{ month_end: monthEnd }] = await database.dataSource.query('select max(month_end)::text as month_end from reporting.rollup_england_month');
  world = { A: worldA, B: worldB, childrenCursor: dig(children.data, 'children.pageInfo.endCursor') as string, monthEnd };

  tokens.admin = await tokenFor({ sub: 'abuse-admin', role: Role.ADMIN });
  tokens.officerA = await tokenFor({ sub: 'abuse-officer-a', role: Role.COUNCIL_OFFICER, la: A });
  tokens.coordinatorA = await tokenFor({ sub: 'abuse-coordinator-a', role: Role.PROVIDER_COORDINATOR, provider: worldA.providerId });

  const tables: { name: string }[] = await database.dataSource.query(
    "select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name",
  );
  publicTables = tables.map((table) => table.name);
  const reporting: { name: string }[] = await database.dataSource.query(
    "select 'reporting.' || table_name as name from information_schema.tables where table_schema = 'reporting' and table_type = 'BASE TABLE' order by table_name",
  );
  reportingBefore = await tableChecksums(
    database.dataSource,
    reporting.map((table) => table.name),
  );
}, 120_000);

afterAll(async () => {
  for (const running of [big, standard]) {
    if (!running) continue;
    await running.http.close();
    await running.server.stop();
  }
  await database?.drop();
});

// ---------------------------------------------------------------------------------------------
// Hostile values

type Variant = {
  label: string;
  value: (w: World) => unknown;
  expect: Expectation;
  /** The case may succeed: give it a target of its own. */
  fresh?: boolean;
  /** For filters: a result with (the caller's own) rows is acceptable. */
  mayReturnData?: boolean;
};

const HOSTILE_STRINGS: { label: string; value: string; freeText: boolean }[] = [
  { label: "SQL-like 1' or '1'='1", value: "1' or '1'='1", freeText: true },
  { label: 'SQL-like drop table', value: "'; drop table referrals; --", freeText: true },
  { label: 'script tag', value: '<script>alert(1)</script>', freeText: true },
  { label: '1 MB string', value: MEGABYTE, freeText: false },
  { label: 'NUL character', value: 'abc\u0000def', freeText: false },
  { label: 'BEL character', value: 'abc\u0007def', freeText: false },
  { label: 'ANSI escape', value: '\u001b[31mred\u001b[0m', freeText: false },
  { label: 'RTL override', value: 'invoice\u202egnp.exe', freeText: true },
  { label: 'zero-width joiner sequence', value: 'family \u{1F468}\u200d\u{1F469}\u200d\u{1F467}', freeText: true },
  { label: 'emoji', value: 'hello \u{1F600}\u{1F680}', freeText: true },
  { label: 'lone surrogate', value: 'abc\ud800def', freeText: true },
  { label: 'whitespace only', value: ' \t\n\u3000 ', freeText: false },
  { label: 'empty string', value: '', freeText: false },
];

const constant = (value: unknown) => () => value;
const reject = (label: string, value: unknown): Variant => ({ label, value: constant(value), expect: 'reject' });

const randomBase64 = randomBytes(24).toString('base64');

function idVariants(type: string, wrongType: ((w: World) => string) | null, otherCouncil: ((w: World) => string) | null): Variant[] {
  return [
    ...(wrongType ? [{ label: 'ID of another type', value: wrongType, expect: 'reject' as const }] : []),
    ...(otherCouncil ? [{ label: "council B's record", value: otherCouncil, expect: 'reject' as const }] : []),
    reject('random bytes (base64)', randomBase64),
    reject('empty string', ''),
    reject("the string 'null'", 'null'),
    reject('300 characters', 'A'.repeat(300)),
    reject("SQL-like 1' or '1'='1", "1' or '1'='1"),
    reject('SQL-like drop table', "'; drop table referrals; --"),
    { label: 'well-formed ID of a nonexistent record', value: () => gid(type, randomUUID()), expect: 'reject' },
    reject('forged ID whose key is 36 characters but no UUID', gid(type, 'f'.repeat(36))),
    reject('a number instead of a string', 12345),
  ];
}

const DATE_VARIANTS: { label: string; value: unknown; future?: boolean }[] = [
  { label: 'impossible day 2025-02-30', value: '2025-02-30' },
  { label: 'impossible month 2025-13-01', value: '2025-13-01' },
  { label: "the word 'yesterday'", value: 'yesterday' },
  { label: 'empty string', value: '' },
  { label: 'future 2999-01-01', value: '2999-01-01', future: true },
  { label: 'year zero 0000-01-01', value: '0000-01-01' },
  { label: 'a date-time', value: '2025-01-01T00:00:00Z' },
];

type Kind = 'id' | 'text' | 'code' | 'strict' | 'month' | 'tags' | 'rollups' | 'date' | 'int' | 'enum' | 'bool';

type FieldSpec = {
  path: string;
  kind: Kind;
  required?: boolean;
  idType?: string;
  wrongType?: (w: World) => string;
  otherCouncil?: (w: World) => string;
  /** Codes: a council officer may use only their own. */
  councilScoped?: boolean;
  /** Dates that may lie in the future. */
  futureOk?: boolean;
  zeroOk?: boolean;
  /** A valid enum value (its lower case is sent). */
  valid?: string;
  /** What was stored, for a legitimate value that was accepted. */
  stored?: (payload: Obj) => Promise<unknown>;
};

function fieldVariants(field: FieldSpec): Variant[] {
  switch (field.kind) {
    case 'id':
      return idVariants(field.idType!, field.wrongType ?? null, field.otherCouncil ?? null);
    case 'text':
      return [
        ...HOSTILE_STRINGS.map(({ label, value, freeText }): Variant => {
          const blank = value.trim() === '';
          const legitimate = freeText || (blank && !field.required);
          return { label, value: constant(value), expect: legitimate ? 'either' : 'reject', fresh: legitimate };
        }),
        reject('a number instead of a string', 42),
      ];
    case 'code':
      return [
        ...HOSTILE_STRINGS.map(({ label, value }): Variant => {
          // An omitted optional code takes its default; '' is read the same way.
          const legitimate = value === '' && !field.required;
          return { label, value: constant(value), expect: legitimate ? 'either' : 'reject', fresh: legitimate };
        }),
        ...(field.councilScoped ? [reject("council B's code", B), reject("council B's code in lower case", B.toLowerCase())] : []),
        reject('an abolished council', ABOLISHED),
        reject('an unknown code', 'E99999999'),
        reject('a number instead of a string', 42),
      ];
    case 'strict':
      return [
        ...HOSTILE_STRINGS.map(({ label, value }) => reject(label, value)),
        reject('41 characters', 'A'.repeat(41)),
        reject('a number instead of a string', 42),
      ];
    case 'month':
      return [
        ...HOSTILE_STRINGS.map(({ label, value }) => reject(label, value)),
        reject('impossible month 2025-13', '2025-13'),
        reject('future month 2999-01', '2999-01'),
        reject('year zero 0000-01', '0000-01'),
        reject('before 1990', '1989-12'),
        reject('a full date', '2012-05-01'),
      ];
    case 'tags':
      return [
        ...HOSTILE_STRINGS.map(({ label, value }): Variant => {
          // Blank entries are dropped, which is harmless.
          const legitimate = value.trim() === '';
          return { label: `[${label}]`, value: constant([value]), expect: legitimate ? 'either' : 'reject', fresh: legitimate };
        }),
        reject(
          'a thousand entries',
          Array.from({ length: 1000 }, (_, i) => `tag${i}`),
        ),
        reject('a null entry', [null]),
      ];
    case 'rollups':
      return [
        ...HOSTILE_STRINGS.map(({ label, value }) => reject(`[${label}]`, [value])),
        reject('a null entry', [null]),
        reject('a model name with SQL appended', ['stg_councils; drop table referrals']),
        { label: 'an empty list', value: constant([]), expect: 'either' },
      ];
    case 'date':
      return DATE_VARIANTS.map(({ label, value, future }) => ({
        label,
        value: constant(value),
        expect: future && field.futureOk ? 'either' : 'reject',
        fresh: future && field.futureOk,
      }));
    case 'int':
      return [
        reject('negative', -1),
        { label: 'zero', value: constant(0), expect: field.zeroOk ? 'either' : 'reject' },
        reject('largest Int 2147483647', 2147483647),
        reject('beyond Int 2147483648', 2147483648),
        reject('huge 1e308', 1e308),
        reject('fractional 1.5', 1.5),
      ];
    case 'enum':
      return [reject('NOT_A_VALUE', 'NOT_A_VALUE'), reject(`lower-case ${field.valid}`, field.valid!.toLowerCase()), reject('empty string', '')];
    case 'bool':
      return [reject("the string 'true'", 'true'), reject('the number 1', 1), ...(field.required ? [reject('null', null)] : [])];
  }
}

// ---------------------------------------------------------------------------------------------
// Mutations

type MutationSpec = {
  name: string;
  inputType: string;
  inputOptional?: boolean;
  /** The first caller is used for every variant; the others for the ID variants too. */
  callers: Caller[];
  selection: string;
  /** A valid input; `fresh` asks for a target of its own, for a case that may succeed. */
  base: (w: World, fresh: boolean) => Promise<Obj>;
  fields: FieldSpec[];
};

const referralSelection = 'referral { id status reason child { id caseReference } }';
const matchSelection = 'match { id status referral { id child { caseReference } } volunteer { id } }';
const storedSelfReferral = (column: 'message' | 'contact') => async (payload: Obj) => {
  const [row] = await database.dataSource.query(`select ${column} as value from self_referrals where receipt_number = $1`, [payload.receiptNumber]);
  return row?.value;
};

let commissionDay = 100;

const MUTATIONS: MutationSpec[] = [
  {
    name: 'createProvider',
    inputType: 'CreateProviderInput',
    callers: ['admin'],
    selection: 'provider { id name kind }',
    base: async () => ({ name: `Abuse provider ${unique()}`, kind: 'CHARITY' }),
    fields: [
      { path: 'name', kind: 'text', required: true, stored: async (payload) => dig(payload, 'provider.name') },
      { path: 'kind', kind: 'enum', required: true, valid: 'CHARITY' },
    ],
  },
  {
    name: 'commissionProvider',
    inputType: 'CommissionProviderInput',
    callers: ['officerA'],
    selection: 'commission { id service startsOn endsOn localAuthority { code } }',
    // A start date of its own each time, so a commission that is accepted never makes the next one a
    // CONFLICT; in the future, as an officer may not backdate one (COMMISSION_BACKDATE_DAYS).
    base: async (w) => ({ providerId: w.A.providerId, localAuthorityCode: A, service: 'MENTORING', startsOn: daysAgo(-(commissionDay += 1)) }),
    fields: [
      // Providers belong to no council (any council may commission B's provider), so there is no "council B" variant.
      { path: 'providerId', kind: 'id', required: true, idType: 'Provider', wrongType: (w) => w.A.freeChild },
      { path: 'localAuthorityCode', kind: 'code', required: true, councilScoped: true },
      { path: 'service', kind: 'enum', required: true, valid: 'MENTORING' },
      // A commission may be agreed ahead of its start, and usually ends in the future.
      { path: 'startsOn', kind: 'date', required: true, futureOk: true },
      { path: 'endsOn', kind: 'date', futureOk: true },
    ],
  },
  {
    name: 'registerChild',
    inputType: 'RegisterChildInput',
    callers: ['officerA'],
    selection: 'child { id caseReference interests languages }',
    base: async () => ({
      localAuthorityCode: A,
      caseReference: `ABUSE-REG-${unique()}`,
      birthMonth: '2011-03',
      gender: 'MALE',
      ethnicity: 'MIXED',
      placementType: 'FOSTER_CARE',
      placedOutOfArea: true,
      lookedAfterSince: '2018-06-01',
      interests: ['chess'],
      languages: ['english'],
    }),
    fields: [
      { path: 'localAuthorityCode', kind: 'code', required: true, councilScoped: true },
      { path: 'caseReference', kind: 'strict', required: true },
      { path: 'birthMonth', kind: 'month', required: true },
      { path: 'gender', kind: 'enum', required: true, valid: 'MALE' },
      { path: 'ethnicity', kind: 'enum', required: true, valid: 'MIXED' },
      { path: 'placementType', kind: 'enum', required: true, valid: 'FOSTER_CARE' },
      { path: 'placedOutOfArea', kind: 'bool', required: true },
      { path: 'lookedAfterSince', kind: 'date', required: true },
      { path: 'interests', kind: 'tags' },
      { path: 'languages', kind: 'tags' },
    ],
  },
  {
    name: 'createReferral',
    inputType: 'CreateReferralInput',
    callers: ['officerA'],
    selection: referralSelection,
    base: async (w, fresh) => ({
      childId: fresh ? await freshChild(w) : w.A.freeChild2,
      service: 'INDEPENDENT_VISITOR',
      source: 'TEACHER',
      referredOn: daysAgo(3),
      reason: 'Would like someone to talk to',
      preferences: { languages: ['english'], volunteerGender: 'FEMALE', languageRequired: false, volunteerGenderRequired: false },
      placementLocalAuthorityCode: 'E06000004',
    }),
    fields: [
      { path: 'childId', kind: 'id', required: true, idType: 'Child', wrongType: (w) => w.A.acceptedReferral, otherCouncil: (w) => w.B.freeChild2 },
      { path: 'service', kind: 'enum', required: true, valid: 'INDEPENDENT_VISITOR' },
      { path: 'source', kind: 'enum', required: true, valid: 'TEACHER' },
      { path: 'referredOn', kind: 'date', required: true },
      { path: 'reason', kind: 'text', stored: async (payload) => dig(payload, 'referral.reason') },
      { path: 'preferences.languages', kind: 'tags' },
      { path: 'preferences.volunteerGender', kind: 'enum', valid: 'FEMALE' },
      { path: 'preferences.languageRequired', kind: 'bool' },
      { path: 'placementLocalAuthorityCode', kind: 'code' },
    ],
  },
  {
    name: 'acceptReferral',
    inputType: 'AcceptReferralInput',
    callers: ['officerA'],
    selection: referralSelection,
    base: async (w) => ({ referralId: w.A.newReferralAccept, acceptedOn: daysAgo(5) }),
    fields: [
      { path: 'referralId', kind: 'id', required: true, idType: 'Referral', wrongType: (w) => w.A.freeChild, otherCouncil: (w) => w.B.newReferralAccept },
      { path: 'acceptedOn', kind: 'date', required: true },
    ],
  },
  {
    name: 'closeReferral',
    inputType: 'CloseReferralInput',
    callers: ['officerA'],
    selection: referralSelection,
    base: async (w) => ({ referralId: w.A.newReferralClose, closedOn: daysAgo(5), reason: 'WITHDRAWN' }),
    fields: [
      { path: 'referralId', kind: 'id', required: true, idType: 'Referral', wrongType: (w) => w.A.freeChild, otherCouncil: (w) => w.B.newReferralClose },
      { path: 'closedOn', kind: 'date', required: true },
      { path: 'reason', kind: 'enum', required: true, valid: 'WITHDRAWN' },
    ],
  },
  {
    name: 'submitSelfReferral',
    inputType: 'SubmitSelfReferralInput',
    callers: ['anonymous'],
    selection: 'receiptNumber',
    base: async () => ({ localAuthorityCode: A, service: 'MENTORING', ageYears: 15, message: 'I would like a mentor', contact: 'text me' }),
    fields: [
      { path: 'localAuthorityCode', kind: 'code', required: true },
      { path: 'service', kind: 'enum', required: true, valid: 'MENTORING' },
      { path: 'ageYears', kind: 'int', required: true },
      { path: 'message', kind: 'text', stored: storedSelfReferral('message') },
      { path: 'contact', kind: 'text', stored: storedSelfReferral('contact') },
    ],
  },
  {
    name: 'convertSelfReferral',
    inputType: 'ConvertSelfReferralInput',
    callers: ['officerA'],
    selection: referralSelection,
    base: async (w) => ({ selfReferralId: w.A.selfReferralConvert, childId: w.A.freeChild, referredOn: todayInLondon() }),
    fields: [
      {
        path: 'selfReferralId',
        kind: 'id',
        required: true,
        idType: 'SelfReferral',
        wrongType: (w) => w.A.newReferralAccept,
        otherCouncil: (w) => w.B.selfReferralConvert,
      },
      { path: 'childId', kind: 'id', required: true, idType: 'Child', wrongType: (w) => w.A.selfReferralDismiss, otherCouncil: (w) => w.B.freeChild },
      { path: 'referredOn', kind: 'date' },
    ],
  },
  {
    name: 'dismissSelfReferral',
    inputType: 'DismissSelfReferralInput',
    callers: ['officerA'],
    selection: 'selfReferral { id receiptNumber status }',
    base: async (w) => ({ selfReferralId: w.A.selfReferralDismiss }),
    fields: [
      {
        path: 'selfReferralId',
        kind: 'id',
        required: true,
        idType: 'SelfReferral',
        wrongType: (w) => w.A.freeChild,
        otherCouncil: (w) => w.B.selfReferralDismiss,
      },
    ],
  },
  {
    name: 'registerVolunteer',
    inputType: 'RegisterVolunteerInput',
    callers: ['coordinatorA'],
    selection: 'volunteer { id status languages interests }',
    base: async (w) => ({
      providerId: w.A.providerId,
      homeLocalAuthorityCode: A,
      gender: 'FEMALE',
      languages: ['english'],
      interests: ['chess'],
      maxMatches: 2,
      appliedOn: daysAgo(10),
    }),
    fields: [
      { path: 'providerId', kind: 'id', required: true, idType: 'Provider', wrongType: (w) => w.A.volunteerApproved, otherCouncil: (w) => w.B.providerId },
      { path: 'homeLocalAuthorityCode', kind: 'code', required: true },
      { path: 'gender', kind: 'enum', required: true, valid: 'FEMALE' },
      { path: 'languages', kind: 'tags' },
      { path: 'interests', kind: 'tags' },
      { path: 'maxMatches', kind: 'int' },
      { path: 'appliedOn', kind: 'date' },
    ],
  },
  {
    name: 'recordVolunteerVetting',
    inputType: 'RecordVolunteerVettingInput',
    callers: ['coordinatorA'],
    selection: 'volunteer { id status }',
    base: async (w) => ({
      volunteerId: w.A.volunteerApplied,
      dbsIssuedOn: daysAgo(30),
      dbsUpdateService: false,
      referencesReceived: 1,
      trainingCompletedOn: daysAgo(5),
    }),
    fields: [
      { path: 'volunteerId', kind: 'id', required: true, idType: 'Volunteer', wrongType: (w) => w.A.matchActive, otherCouncil: (w) => w.B.volunteerApplied },
      { path: 'dbsIssuedOn', kind: 'date' },
      { path: 'dbsUpdateService', kind: 'bool' },
      { path: 'referencesReceived', kind: 'int', zeroOk: true },
      { path: 'trainingCompletedOn', kind: 'date' },
    ],
  },
  {
    name: 'approveVolunteer',
    inputType: 'ApproveVolunteerInput',
    callers: ['coordinatorA'],
    selection: 'volunteer { id status }',
    base: async (w) => ({ volunteerId: w.A.volunteerTraining, approvedOn: daysAgo(1) }),
    fields: [
      { path: 'volunteerId', kind: 'id', required: true, idType: 'Volunteer', wrongType: (w) => w.A.freeChild, otherCouncil: (w) => w.B.volunteerTraining },
      { path: 'approvedOn', kind: 'date', required: true },
    ],
  },
  {
    name: 'proposeMatch',
    inputType: 'ProposeMatchInput',
    callers: ['coordinatorA'],
    selection: matchSelection,
    base: async (w) => ({ referralId: w.A.acceptedReferral, volunteerId: w.A.volunteerApproved, proposedOn: daysAgo(1) }),
    fields: [
      { path: 'referralId', kind: 'id', required: true, idType: 'Referral', wrongType: (w) => w.A.freeChild, otherCouncil: (w) => w.B.acceptedReferral },
      { path: 'volunteerId', kind: 'id', required: true, idType: 'Volunteer', wrongType: (w) => w.A.matchActive, otherCouncil: (w) => w.B.volunteerApproved },
      { path: 'proposedOn', kind: 'date', required: true },
    ],
  },
  {
    name: 'startMatch',
    inputType: 'StartMatchInput',
    callers: ['coordinatorA'],
    selection: matchSelection,
    base: async (w) => ({ matchId: w.A.matchToStart, startedOn: daysAgo(1) }),
    fields: [
      { path: 'matchId', kind: 'id', required: true, idType: 'Match', wrongType: (w) => w.A.acceptedReferral, otherCouncil: (w) => w.B.matchToStart },
      { path: 'startedOn', kind: 'date', required: true },
    ],
  },
  {
    name: 'logVisit',
    inputType: 'LogVisitInput',
    callers: ['coordinatorA'],
    selection: 'visit { id match { id } }',
    base: async (w) => ({ matchId: w.A.matchActive, visitedOn: daysAgo(2), durationMinutes: 60, kind: 'IN_PERSON' }),
    fields: [
      { path: 'matchId', kind: 'id', required: true, idType: 'Match', wrongType: (w) => w.A.visit, otherCouncil: (w) => w.B.matchActive },
      { path: 'visitedOn', kind: 'date', required: true },
      { path: 'durationMinutes', kind: 'int', required: true },
      { path: 'kind', kind: 'enum', required: true, valid: 'IN_PERSON' },
    ],
  },
  {
    name: 'endMatch',
    inputType: 'EndMatchInput',
    callers: ['coordinatorA', 'officerA'],
    selection: matchSelection,
    base: async (w) => ({ matchId: w.A.matchActive, endedOn: daysAgo(1), reason: 'PLANNED_ENDING' }),
    fields: [
      { path: 'matchId', kind: 'id', required: true, idType: 'Match', wrongType: (w) => w.A.visit, otherCouncil: (w) => w.B.matchActive },
      { path: 'endedOn', kind: 'date', required: true },
      { path: 'reason', kind: 'enum', required: true, valid: 'PLANNED_ENDING' },
    ],
  },
  {
    name: 'cancelMatch',
    inputType: 'CancelMatchInput',
    callers: ['officerA', 'coordinatorA'],
    selection: matchSelection,
    base: async (w, fresh) => ({ matchId: fresh ? await freshProposedMatch(w) : w.A.matchToCancel, reason: 'The child changed school' }),
    fields: [
      { path: 'matchId', kind: 'id', required: true, idType: 'Match', wrongType: (w) => w.A.volunteerApproved, otherCouncil: (w) => w.B.matchToCancel },
      {
        path: 'reason',
        kind: 'text',
        required: true,
        stored: async (payload) => {
          const [row] = await database.dataSource.query('select cancel_reason from matches where match_id = $1::uuid', [
            keyOf(dig(payload, 'match.id') as string),
          ]);
          return row?.cancel_reason;
        },
      },
    ],
  },
  {
    name: 'setTarget',
    inputType: 'SetTargetInput',
    callers: ['officerA'],
    selection: 'target { id name value dueOn current { value status } }',
    // One due date: an accepted case sets the same target again (same area, service, metric and
    // dueOn), so legitimate cases never fill the area's 10 places.
    base: async () => ({ name: 'Abuse target', areaCode: A, service: 'MENTORING', metric: 'ACTIVE_MATCHES', value: 10, dueOn: daysAgo(-300) }),
    fields: [
      {
        path: 'name',
        kind: 'text',
        required: true,
        stored: async (payload) => {
          const [row] = await database.dataSource.query('select name from targets where target_id = $1::uuid', [keyOf(dig(payload, 'target.id') as string)]);
          return row?.name;
        },
      },
      { path: 'areaCode', kind: 'code', required: true, councilScoped: true },
      { path: 'service', kind: 'enum', required: true, valid: 'MENTORING' },
      { path: 'metric', kind: 'enum', required: true, valid: 'ACTIVE_MATCHES' },
      // A Float: fractions, negatives and numbers beyond the bound are refused by setTarget; 0 is a target.
      { path: 'value', kind: 'int', required: true, zeroOk: true },
      // Due dates lie ahead, at most 10 years (2999 is refused).
      { path: 'dueOn', kind: 'date', required: true, futureOk: true },
    ],
  },
  {
    name: 'removeTarget',
    inputType: 'RemoveTargetInput',
    callers: ['officerA'],
    selection: 'target { id name }',
    base: async (w, fresh) => ({ targetId: fresh ? await freshTarget() : w.A.target }),
    fields: [{ path: 'targetId', kind: 'id', required: true, idType: 'Target', wrongType: (w) => w.A.freeChild, otherCouncil: (w) => w.B.target }],
  },
  {
    name: 'refreshReports',
    inputType: 'RefreshReportsInput',
    inputOptional: true,
    callers: ['admin'],
    selection: 'status runs { rollup status }',
    base: async () => ({ rollups: ['stg_councils'] }),
    fields: [{ path: 'rollups', kind: 'rollups' }],
  },
];

type MutationCase = {
  name: string;
  spec: MutationSpec;
  caller: Caller;
  expect: Expectation;
  /** Builds a target of its own first (so the checksums are taken after that). */
  fresh?: boolean;
  /** Builds the request body; may create a target of its own first. */
  request: (w: World) => Promise<string>;
  /** For an accepted case: what was stored must be what was sent. */
  roundTrip?: { field: FieldSpec; sent: (w: World) => unknown };
};

function mutationDocument(spec: MutationSpec): string {
  return `mutation Abuse($input: ${spec.inputType}${spec.inputOptional ? '' : '!'}) { ${spec.name}(input: $input) { errors { code field message } ${spec.selection} } }`;
}

function mutationCases(): MutationCase[] {
  const cases: MutationCase[] = [];
  for (const spec of MUTATIONS) {
    const document = mutationDocument(spec);
    const withInput = (input: unknown) => JSON.stringify({ query: document, variables: input === OMIT ? {} : { input } });
    for (const field of spec.fields) {
      const callers = field.kind === 'id' ? spec.callers : spec.callers.slice(0, 1);
      for (const caller of callers) {
        for (const variant of fieldVariants(field)) {
          cases.push({
            name: `${spec.name} as ${caller}: ${field.path} = ${variant.label}`,
            spec,
            caller,
            expect: variant.expect,
            fresh: variant.fresh,
            request: async (w) => withInput(withValue(await spec.base(w, variant.fresh ?? false), field.path, variant.value(w))),
            roundTrip: variant.expect === 'either' && field.stored ? { field, sent: variant.value } : undefined,
          });
        }
      }
      if (field.required) {
        cases.push({
          name: `${spec.name} as ${spec.callers[0]}: ${field.path} missing`,
          spec,
          caller: spec.callers[0],
          expect: 'reject',
          request: async (w) => withInput(withValue(await spec.base(w, false), field.path, OMIT)),
        });
      }
      if (field.kind === 'enum' && field === spec.fields.find((f) => f.kind === 'enum')) {
        // The same wrong value written into the query itself: a validation error, not a variable error.
        const enums = new Set(spec.fields.filter((f) => f.kind === 'enum').map((f) => f.path));
        cases.push({
          name: `${spec.name} as ${spec.callers[0]}: ${field.path} = NOT_A_VALUE inline`,
          spec,
          caller: spec.callers[0],
          expect: 'reject',
          request: async (w) =>
            JSON.stringify({
              query: `mutation { ${spec.name}(input: ${literal(withValue(await spec.base(w, false), field.path, 'NOT_A_VALUE'), enums)}) { errors { code } } }`,
            }),
        });
      }
    }
    const first = spec.callers[0];
    const enums = new Set(spec.fields.filter((f) => f.kind === 'enum').map((f) => f.path));
    const extra: [string, (base: Obj) => unknown][] = [
      ['an unknown extra field', (base) => ({ ...base, isAdmin: true })],
      ['a __proto__ field', (base) => Object.assign(JSON.parse('{"__proto__": {"role": "ADMIN"}}') as Obj, base)],
      ['a list instead of the input object', (base) => [base]],
    ];
    if (spec.name === 'createReferral') extra.push(['an unknown field inside preferences', (base) => withValue(base, 'preferences.secret', true)]);
    for (const [label, make] of extra) {
      cases.push({
        name: `${spec.name} as ${first}: ${label}`,
        spec,
        caller: first,
        expect: 'reject',
        request: async (w) => withInput(make(await spec.base(w, false))),
      });
    }
    cases.push({
      name: `${spec.name} as ${first}: an unknown field inline`,
      spec,
      caller: first,
      expect: 'reject',
      request: async (w) =>
        JSON.stringify({ query: `mutation { ${spec.name}(input: ${literal({ ...(await spec.base(w, false)), isAdmin: true }, enums)}) { errors { code } } }` }),
    });
    if (!spec.inputOptional) {
      cases.push({ name: `${spec.name} as ${first}: input missing`, spec, caller: first, expect: 'reject', request: async () => withInput(OMIT) });
      cases.push({ name: `${spec.name} as ${first}: input null`, spec, caller: first, expect: 'reject', request: async () => withInput(null) });
    }
  }
  // Combinations the single-field variants cannot reach.
  const createReferral = MUTATIONS.find((spec) => spec.name === 'createReferral')!;
  cases.push({
    name: 'createReferral as officerA: languageRequired with only a blank language',
    spec: createReferral,
    caller: 'officerA',
    expect: 'reject',
    fresh: true,
    request: async (w) =>
      JSON.stringify({
        query: mutationDocument(createReferral),
        variables: { input: withValue(await createReferral.base(w, true), 'preferences', { languages: ['   '], languageRequired: true }) },
      }),
  });
  cases.push({
    name: 'createReferral as officerA: volunteerGenderRequired without a gender',
    spec: createReferral,
    caller: 'officerA',
    expect: 'reject',
    fresh: true,
    request: async (w) =>
      JSON.stringify({
        query: mutationDocument(createReferral),
        variables: { input: withValue(await createReferral.base(w, true), 'preferences', { volunteerGenderRequired: true }) },
      }),
  });
  const commission = MUTATIONS.find((spec) => spec.name === 'commissionProvider')!;
  cases.push({
    name: 'commissionProvider as officerA: endsOn before startsOn',
    spec: commission,
    caller: 'officerA',
    expect: 'reject',
    request: async (w) =>
      JSON.stringify({
        query: mutationDocument(commission),
        variables: { input: { ...(await commission.base(w, false)), startsOn: daysAgo(-40), endsOn: daysAgo(-39) } },
      }),
  });
  return cases;
}

type Payload = { errors?: { code: string; field?: string[] | null; message: string }[] } & Obj;

async function runMutationCase(c: MutationCase): Promise<void> {
  const body = await c.request(world);
  if (c.fresh) lastChecksums = null;
  const before = lastChecksums ?? (await checksums());
  const sent = await send(big.http.url, c.caller, body);
  const after = await checksums();
  lastChecksums = after;
  const problems: string[] = [];
  if (sent.status >= 500) problems.push(`HTTP ${sent.status}`);
  if (!sent.body) problems.push('the response is not JSON');
  let outcome: 'rejected' | 'accepted' | 'broken' = 'broken';
  let payload: Payload | null = null;
  const errors = sent.body?.errors;
  if (errors?.length) {
    const codes = errors.map((error) => String(error.extensions?.code));
    if (codes.every((code) => VALIDATION_CODES.has(code))) outcome = 'rejected';
    else problems.push(`GraphQL errors with codes ${codes.join(', ')} (expected GRAPHQL_VALIDATION_FAILED or BAD_USER_INPUT)`);
  } else if (sent.body?.data) {
    payload = (sent.body.data[c.spec.name] as Payload | null) ?? null;
    if (!payload || !Array.isArray(payload.errors)) problems.push('no payload with errors');
    else if (payload.errors.length) {
      const unknown = payload.errors.filter((error) => !TYPED_CODES.has(error.code));
      if (unknown.length) problems.push(`payload error codes not in API.md: ${unknown.map((error) => error.code).join(', ')}`);
      else outcome = 'rejected';
    } else outcome = 'accepted';
  }
  if (outcome === 'accepted' && c.expect === 'reject') problems.push('the hostile input was accepted');
  if (outcome === 'rejected') {
    const changed = Object.keys(after).filter((table) => after[table] !== before[table]);
    if (changed.length) problems.push(`the request failed but changed: ${changed.join(', ')}`);
  }
  if (outcome === 'accepted' && c.roundTrip && payload) {
    const sentValue = c.roundTrip.sent(world);
    const expected = typeof sentValue === 'string' ? sentValue.trim() || null : sentValue;
    const stored = await c.roundTrip.field.stored!(payload);
    if (stored !== expected) problems.push(`accepted, but stored ${JSON.stringify(stored)} for ${JSON.stringify(expected)}`);
  }
  const leaked = leaks(c.caller, body, sent.text);
  if (leaked.length) problems.push(`council B's records in the response: ${leaked.join(', ')}`);
  expect({ problems, response: problems.length ? `HTTP ${sent.status} ${excerpt(sent.text)}` : '' }).toEqual({ problems: [], response: '' });
}

// ---------------------------------------------------------------------------------------------
// Queries

type QueryKind = 'code' | 'region' | 'text' | 'enum' | 'id' | 'node' | 'first' | 'after' | 'date' | 'year' | 'bool';

type ArgSpec = {
  name: string;
  type: string;
  kind: QueryKind;
  base?: (w: World) => unknown;
  valid?: string;
  idType?: string;
  wrongType?: (w: World) => string;
  otherCouncil?: (w: World) => string;
  /** Council B's code returns public figures (not records): data is fine. */
  publicData?: boolean;
  /** A reporting date, which must be a month end. */
  monthEnd?: boolean;
  /** A nullable filter whose null means "no filter": the caller's own rows are a fine answer. */
  nullIsNoFilter?: boolean;
};

type QuerySpec = {
  field: string;
  callers: Caller[];
  args: ArgSpec[];
  selection: string;
  /** The items of a result, to tell an empty one. */
  items: (result: unknown) => unknown[];
};

const edges = (result: unknown) => (dig(result, 'edges') as unknown[] | undefined) ?? [];
const first: ArgSpec = { name: 'first', type: 'Int', kind: 'first' };
const after: ArgSpec = { name: 'after', type: 'String', kind: 'after' };

const QUERIES: QuerySpec[] = [
  {
    field: 'children',
    callers: ['officerA'],
    args: [{ name: 'localAuthorityCode', type: 'String', kind: 'code' }, { name: 'caseReference', type: 'String', kind: 'text' }, first, after],
    selection: '{ totalCount edges { node { id caseReference } } }',
    items: edges,
  },
  {
    field: 'referrals',
    callers: ['officerA'],
    args: [
      { name: 'status', type: 'ReferralStatus', kind: 'enum', valid: 'NEW' },
      { name: 'service', type: 'Service', kind: 'enum', valid: 'MENTORING' },
      { name: 'source', type: 'ReferralSource', kind: 'enum', valid: 'TEACHER' },
      { name: 'localAuthorityCode', type: 'String', kind: 'code' },
      first,
      after,
    ],
    selection: '{ totalCount edges { node { id child { caseReference } } } }',
    items: edges,
  },
  {
    field: 'waitingList',
    callers: ['officerA', 'coordinatorA'],
    args: [
      { name: 'localAuthorityCode', type: 'String!', kind: 'code', base: () => A },
      { name: 'service', type: 'Service!', kind: 'enum', valid: 'INDEPENDENT_VISITOR', base: () => 'INDEPENDENT_VISITOR' },
      { name: 'hasProposal', type: 'Boolean', kind: 'bool', nullIsNoFilter: true },
      { name: 'source', type: 'ReferralSource', kind: 'enum', valid: 'TEACHER' },
      { name: 'placementLocalAuthorityCode', type: 'String', kind: 'code' },
      first,
      after,
    ],
    selection: '{ totalCount edges { node { id child { caseReference } } } }',
    items: edges,
  },
  {
    field: 'volunteers',
    callers: ['officerA', 'coordinatorA'],
    args: [
      { name: 'status', type: 'VolunteerStatus', kind: 'enum', valid: 'APPROVED' },
      { name: 'providerId', type: 'ID', kind: 'id', idType: 'Provider', wrongType: (w) => w.A.volunteerApproved, otherCouncil: (w) => w.B.providerId },
      first,
      after,
    ],
    selection: '{ totalCount edges { node { id status } } }',
    items: edges,
  },
  {
    field: 'matches',
    callers: ['officerA', 'coordinatorA'],
    args: [
      { name: 'status', type: 'MatchStatus', kind: 'enum', valid: 'ACTIVE' },
      { name: 'service', type: 'Service', kind: 'enum', valid: 'INDEPENDENT_VISITOR' },
      { name: 'localAuthorityCode', type: 'String', kind: 'code' },
      first,
      after,
    ],
    selection: '{ totalCount edges { node { id referral { id child { caseReference } } volunteer { id } } } }',
    items: edges,
  },
  { field: 'providers', callers: ['officerA'], args: [first, after], selection: '{ totalCount edges { node { id name } } }', items: edges },
  {
    field: 'localAuthorities',
    callers: ['officerA'],
    args: [{ name: 'region', type: 'String', kind: 'region' }, { name: 'includeAbolished', type: 'Boolean', kind: 'bool' }, first, after],
    selection: '{ totalCount edges { node { code } } }',
    items: edges,
  },
  {
    field: 'localAuthority',
    callers: ['officerA'],
    args: [
      { name: 'code', type: 'String!', kind: 'code', base: () => A, publicData: true },
      { name: 'year', type: 'Int!', kind: 'year', base: () => 2024 },
    ],
    selection: '{ code childrenLookedAfter(year: $year) }',
    items: (result) => (result ? [result] : []),
  },
  {
    field: 'node',
    callers: ['officerA', 'coordinatorA'],
    args: [{ name: 'id', type: 'ID!', kind: 'node' }],
    selection:
      '{ __typename id ... on Child { caseReference } ... on Referral { child { caseReference } } ... on Match { referral { id } } ... on SelfReferral { receiptNumber } }',
    items: (result) => (result ? [result] : []),
  },
  {
    field: 'suggestedVolunteers',
    callers: ['officerA', 'coordinatorA'],
    args: [
      {
        name: 'referralId',
        type: 'ID!',
        kind: 'id',
        base: (w) => w.A.acceptedReferral,
        idType: 'Referral',
        wrongType: (w) => w.A.freeChild,
        otherCouncil: (w) => w.B.acceptedReferral,
      },
      { ...first, base: () => 5 },
    ],
    selection: '{ score volunteer { id } }',
    items: (result) => (result as unknown[] | null) ?? [],
  },
  {
    field: 'suggestionExclusions',
    callers: ['officerA', 'coordinatorA'],
    args: [
      {
        name: 'referralId',
        type: 'ID!',
        kind: 'id',
        base: (w) => w.A.acceptedReferral,
        idType: 'Referral',
        wrongType: (w) => w.A.freeChild,
        otherCouncil: (w) => w.B.acceptedReferral,
      },
    ],
    selection: '{ constraint count }',
    items: (result) => (result as unknown[] | null) ?? [],
  },
  {
    field: 'matchingPlan',
    callers: ['officerA', 'coordinatorA'],
    args: [
      { name: 'localAuthorityCode', type: 'String!', kind: 'code', base: () => A },
      { name: 'service', type: 'Service!', kind: 'enum', valid: 'INDEPENDENT_VISITOR', base: () => 'INDEPENDENT_VISITOR' },
    ],
    selection: '{ pairs { referral { id child { caseReference } } volunteer { id } } unmatched { referral { id child { caseReference } } } }',
    items: (result) => [...((dig(result, 'pairs') as unknown[]) ?? []), ...((dig(result, 'unmatched') as unknown[]) ?? [])],
  },
  {
    field: 'councilComparison',
    callers: ['officerA'],
    args: [
      { name: 'service', type: 'Service!', kind: 'enum', valid: 'INDEPENDENT_VISITOR', base: () => 'INDEPENDENT_VISITOR' },
      { name: 'date', type: 'LocalDate!', kind: 'date', base: (w) => w.monthEnd, monthEnd: true },
    ],
    selection: '{ date councils { localAuthority { code } figures { waiting { value status } } } }',
    items: (result) => (dig(result, 'councils') as unknown[] | undefined) ?? [],
  },
  {
    field: 'coverageTimeSeries',
    callers: ['officerA'],
    args: [
      { name: 'localAuthorityCode', type: 'String!', kind: 'code', base: () => A, publicData: true },
      { name: 'service', type: 'Service!', kind: 'enum', valid: 'INDEPENDENT_VISITOR', base: () => 'INDEPENDENT_VISITOR' },
      { name: 'from', type: 'LocalDate!', kind: 'date', base: () => '2024-01-01' },
      { name: 'to', type: 'LocalDate!', kind: 'date', base: () => '2024-12-31' },
    ],
    selection: '{ date figures { waiting { value status } } }',
    items: (result) => (result as unknown[] | null) ?? [],
  },
  {
    field: 'areaTimeSeries',
    callers: ['officerA'],
    args: [
      { name: 'areaCode', type: 'String!', kind: 'code', base: () => A, publicData: true },
      { name: 'service', type: 'Service!', kind: 'enum', valid: 'INDEPENDENT_VISITOR', base: () => 'INDEPENDENT_VISITOR' },
      { name: 'from', type: 'LocalDate', kind: 'date', base: () => '2024-01-01' },
      { name: 'to', type: 'LocalDate', kind: 'date', base: () => '2024-12-31' },
    ],
    selection: '{ date rank figures { waiting { value status } } }',
    items: (result) => (result as unknown[] | null) ?? [],
  },
  {
    field: 'reportingDates',
    callers: ['officerA'],
    args: [{ name: 'service', type: 'Service', kind: 'enum', valid: 'MENTORING' }],
    selection: '{ latest monthEnds }',
    items: (result) => (result ? [result] : []),
  },
  {
    field: 'selfReferralInbox',
    callers: ['officerA'],
    args: [{ name: 'status', type: 'SelfReferralStatus', kind: 'enum', valid: 'NEW' }, first, after],
    selection: '{ totalCount edges { node { id receiptNumber } } }',
    items: edges,
  },
  {
    field: 'targets',
    callers: ['officerA'],
    args: [
      // Targets are public commitments: any area's may be read.
      { name: 'areaCode', type: 'String', kind: 'code', publicData: true },
      { name: 'service', type: 'Service', kind: 'enum', valid: 'MENTORING' },
    ],
    selection: '{ id name areaCode current { value status } projectedOn onTrack }',
    items: (result) => (result as unknown[] | null) ?? [],
  },
  {
    field: 'auditEvents',
    callers: ['officerA'],
    args: [{ name: 'recordType', type: 'String', kind: 'text' }, first, after],
    selection: '{ totalCount edges { node { action recordId } } }',
    items: edges,
  },
];

const cursor = (text: string) => Buffer.from(`cursor:${text}`, 'utf8').toString('base64url');

function argVariants(arg: ArgSpec): Variant[] {
  const optional = !arg.type.endsWith('!');
  const data = (label: string, value: unknown): Variant => ({ label, value: constant(value), expect: 'reject', mayReturnData: true });
  switch (arg.kind) {
    case 'code':
    case 'region':
    case 'text':
      return [
        // An empty optional filter is no filter: the caller's own rows are a fine answer.
        ...HOSTILE_STRINGS.map(({ label, value }) => (value === '' && optional ? data(label, value) : reject(label, value))),
        ...(arg.kind === 'code'
          ? [
              arg.publicData ? data("council B's code", B) : reject("council B's code", B),
              arg.publicData ? data("council B's code in lower case", B.toLowerCase()) : reject("council B's code in lower case", B.toLowerCase()),
            ]
          : []),
        reject('a number instead of a string', 42),
      ];
    case 'enum':
      return [reject('NOT_A_VALUE', 'NOT_A_VALUE'), reject(`lower-case ${arg.valid}`, arg.valid!.toLowerCase()), reject('empty string', '')];
    case 'id':
      // As for the other filters, an empty optional ID is no filter.
      return idVariants(arg.idType!, arg.wrongType ?? null, arg.otherCouncil ?? null).map((variant) =>
        variant.label === 'empty string' && optional ? { ...variant, mayReturnData: true } : variant,
      );
    case 'node':
      return [
        ...idVariants('Referral', null, null).filter((variant) => variant.label !== 'a number instead of a string'),
        { label: "council B's child", value: (w) => w.B.freeChild, expect: 'reject' },
        { label: "council B's referral", value: (w) => w.B.acceptedReferral, expect: 'reject' },
        { label: "council B's match", value: (w) => w.B.matchActive, expect: 'reject' },
        { label: "council B's visit", value: (w) => w.B.visit, expect: 'reject' },
        { label: "council B's volunteer", value: (w) => w.B.volunteerApproved, expect: 'reject' },
        { label: "council B's self-referral", value: (w) => w.B.selfReferralConvert, expect: 'reject' },
        ...['Child', 'Match', 'Visit', 'Volunteer', 'SelfReferral', 'Commission', 'Provider'].map((type) =>
          reject(`forged ${type} ID whose key is 36 characters but no UUID`, gid(type, 'f'.repeat(36))),
        ),
        reject('forged LocalAuthority ID with SQL in its key', gid('LocalAuthority', "E06000002' or '1'='1")),
        reject('forged LocalAuthority ID with a NUL in its key', gid('LocalAuthority', 'E0600000\u0000')),
        reject('ID of an unknown type', gid('Administrator', randomUUID())),
        reject('an integer ID', 12345),
      ];
    case 'first':
      return [-1, 0, 101, 2147483648, 1e308, 1.5].map((value) => reject(`${value}`, value));
    case 'after':
      return [
        reject('empty string', ''),
        reject("the string 'null'", 'null'),
        reject("SQL-like 1' or '1'='1", "1' or '1'='1"),
        { label: 'a global ID', value: (w) => w.A.acceptedReferral, expect: 'reject' },
        { label: 'a cursor of another list', value: (w) => w.childrenCursor, expect: 'reject', mayReturnData: true },
        data('a forged cursor of the right length with text for its keys', cursor('["not-a-date","not-a-uuid"]')),
        data('a forged cursor with a single key', cursor('["x"]')),
        data('a forged cursor with SQL in its keys', cursor(`["2025-01-01","00000000-0000-0000-0000-000000000000' or '1'='1"]`)),
        data('a forged cursor with NUL in its keys', cursor('["\\u0000","\\u0000"]')),
        data('a forged cursor with huge numbers', cursor('[1e308,1e308]')),
        reject('a forged cursor that is not JSON', cursor('{not json')),
      ];
    case 'date':
      return [
        ...DATE_VARIANTS.filter((variant) => !variant.future).map(({ label, value }) => reject(label, value)),
        // Reporting dates are month ends; these are month ends that cannot have figures.
        reject('future month end 2999-12-31', '2999-12-31'),
        reject('year zero month end 0000-01-31', '0000-01-31'),
        ...(arg.monthEnd ? [reject('not a month end', '2024-06-15')] : []),
      ];
    case 'year':
      return [-1, 0, 1989, 2101, 2147483648, 1.5].map((value) => reject(`${value}`, value));
    case 'bool':
      return [reject("the string 'true'", 'true'), reject('the number 1', 1), arg.nullIsNoFilter ? data('null (no filter)', null) : reject('null', null)];
  }
}

type QueryCase = { name: string; caller: Caller; field: string; items: QuerySpec['items']; mayReturnData: boolean; request: (w: World) => string };

function queryDocument(spec: QuerySpec): string {
  return `query Abuse(${spec.args.map((arg) => `$${arg.name}: ${arg.type}`).join(', ')}) { result: ${spec.field}(${spec.args
    .filter((arg) => arg.name !== 'year')
    .map((arg) => `${arg.name}: $${arg.name}`)
    .join(', ')}) ${spec.selection} }`;
}

function baseVariables(spec: QuerySpec, w: World): Obj {
  const variables: Obj = {};
  for (const arg of spec.args) if (arg.base) variables[arg.name] = arg.base(w);
  return variables;
}

function queryCases(): QueryCase[] {
  const cases: QueryCase[] = [];
  for (const spec of QUERIES) {
    const document = queryDocument(spec);
    for (const caller of spec.callers) {
      // Other callers than the first try the arguments that pick records by ID.
      const args = caller === spec.callers[0] ? spec.args : spec.args.filter((arg) => ['id', 'node'].includes(arg.kind));
      for (const arg of args) {
        for (const variant of argVariants(arg)) {
          cases.push({
            name: `${spec.field} as ${caller}: ${arg.name} = ${variant.label}`,
            caller,
            field: spec.field,
            items: spec.items,
            mayReturnData: variant.mayReturnData ?? false,
            request: (w) => JSON.stringify({ query: document, variables: { ...baseVariables(spec, w), [arg.name]: variant.value(w) } }),
          });
        }
        if (arg.type.endsWith('!')) {
          cases.push({
            name: `${spec.field} as ${caller}: ${arg.name} missing`,
            caller,
            field: spec.field,
            items: spec.items,
            mayReturnData: false,
            request: (w) => {
              const variables = baseVariables(spec, w);
              delete variables[arg.name];
              return JSON.stringify({ query: document, variables });
            },
          });
        }
      }
      if (caller !== spec.callers[0]) continue;
      cases.push({
        name: `${spec.field} as ${caller}: an unknown argument inline`,
        caller,
        field: spec.field,
        items: spec.items,
        mayReturnData: false,
        request: () => JSON.stringify({ query: `{ result: ${spec.field}(isAdmin: true) { __typename } }` }),
      });
    }
  }
  const series = QUERIES.find((spec) => spec.field === 'coverageTimeSeries')!;
  const range = (label: string, from: string, to: string): QueryCase => ({
    name: `coverageTimeSeries as officerA: ${label}`,
    caller: 'officerA',
    field: 'coverageTimeSeries',
    items: series.items,
    mayReturnData: false,
    request: (w) => JSON.stringify({ query: queryDocument(series), variables: { ...baseVariables(series, w), from, to } }),
  });
  cases.push(
    range('from after to', '2024-12-31', '2024-01-01'),
    range('a range of 11 years', '2010-01-01', '2021-12-31'),
    range('a range in year zero', '0000-01-01', '0000-12-31'),
    range('a range in the future', '2999-01-01', '2999-12-31'),
  );
  return cases;
}

async function runQueryCase(c: QueryCase): Promise<void> {
  const body = c.request(world);
  const before = lastChecksums ?? (await checksums());
  const sent = await send(big.http.url, c.caller, body);
  const after = await checksums();
  lastChecksums = after;
  const problems: string[] = [];
  if (sent.status >= 500) problems.push(`HTTP ${sent.status}`);
  if (!sent.body) problems.push('the response is not JSON');
  const errors = sent.body?.errors;
  if (errors?.length) {
    const codes = errors.map((error) => String(error.extensions?.code));
    if (!codes.every((code) => VALIDATION_CODES.has(code)))
      problems.push(`GraphQL errors with codes ${codes.join(', ')} (expected GRAPHQL_VALIDATION_FAILED or BAD_USER_INPUT)`);
  } else if (sent.body) {
    const items = c.items(sent.body.data?.result ?? null);
    if (items.length && !c.mayReturnData) problems.push(`neither an error nor an empty result: ${items.length} item(s)`);
  }
  const changed = Object.keys(after).filter((table) => after[table] !== before[table]);
  if (changed.length) problems.push(`a query changed: ${changed.join(', ')}`);
  const leaked = leaks(c.caller, body, sent.text);
  if (leaked.length) problems.push(`council B's records in the response: ${leaked.join(', ')}`);
  expect({ problems, response: problems.length ? `HTTP ${sent.status} ${excerpt(sent.text)}` : '' }).toEqual({ problems: [], response: '' });
}

// ---------------------------------------------------------------------------------------------
// The tests

const MUTATION_CASES = mutationCases();
const QUERY_CASES = queryCases();

describe('the world', () => {
  it('has every named table among those checked, and council B has records to leak', async () => {
    expect(publicTables).toEqual(expect.arrayContaining(NAMED_TABLES));
    expect(await checksums()).toEqual(await tableChecksums(database.dataSource, publicTables));
    expect(world.B.secrets.length).toBeGreaterThan(20);
  });

  it('has hostile cases for every mutation of the running schema', async () => {
    const sent = await send(big.http.url, 'admin', JSON.stringify({ query: '{ __schema { mutationType { fields { name } } } }' }));
    const names = (dig(sent.body?.data, '__schema.mutationType.fields') as { name: string }[]).map((field) => field.name).sort();
    expect(names).toEqual(MUTATIONS.map((spec) => spec.name).sort());
  });

  it('has hostile cases for every argument of every query of the running schema', async () => {
    const sent = await send(big.http.url, 'admin', JSON.stringify({ query: '{ __schema { queryType { fields { name args { name } } } } }' }));
    const fields = dig(sent.body?.data, '__schema.queryType.fields') as { name: string; args: { name: string }[] }[];
    const wanted = fields
      .filter((field) => field.args.length)
      .map(
        (field) =>
          `${field.name}(${field.args
            .map((arg) => arg.name)
            .sort()
            .join(', ')})`,
      );
    const covered = QUERIES.map(
      (spec) =>
        `${spec.field}(${spec.args
          .filter((arg) => arg.name !== 'year')
          .map((arg) => arg.name)
          .sort()
          .join(', ')})`,
    );
    expect(covered.sort()).toEqual(wanted.sort());
  });
});

describe('hostile mutation inputs', () => {
  it.each(MUTATION_CASES)('$name', runMutationCase);
});

describe('hostile query filters', () => {
  it.each(QUERY_CASES)('$name', runQueryCase);
});

describe('request body limits', () => {
  const registerChild = MUTATIONS.find((spec) => spec.name === 'registerChild')!;
  const submit = MUTATIONS.find((spec) => spec.name === 'submitSelfReferral')!;

  it.each([
    [
      'registerChild with a 1 MB caseReference as officerA',
      'officerA' as Caller,
      async (w: World) => ({
        query: mutationDocument(registerChild),
        variables: { input: { ...(await registerChild.base(w, false)), caseReference: MEGABYTE } },
      }),
    ],
    [
      'submitSelfReferral with a 1 MB message, anonymously',
      'anonymous' as Caller,
      async (w: World) => ({ query: mutationDocument(submit), variables: { input: { ...(await submit.base(w, false)), message: MEGABYTE } } }),
    ],
    [
      'children filtered by a 1 MB council code as officerA',
      'officerA' as Caller,
      async () => ({ query: 'query($code: String) { children(localAuthorityCode: $code) { totalCount } }', variables: { code: MEGABYTE } }),
    ],
  ])('the default server refuses %s with 413 and a JSON error', async (_name, caller, build) => {
    const body = JSON.stringify(await build(world));
    const before = await checksums();
    const sent = await send(standard.http.url, caller, body);
    expect(sent.status).toBe(413);
    expect(sent.body?.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/larger than the limit of 102400 bytes \(MAX_BODY_BYTES\)/),
      extensions: { code: 'PAYLOAD_TOO_LARGE' },
    });
    expect(await checksums()).toEqual(before);
    lastChecksums = null;
  });

  it('the 2 MB server still refuses a 3 MB body with 413', async () => {
    const before = await checksums();
    const sent = await send(big.http.url, 'officerA', JSON.stringify({ query: '{ viewer { role } }', variables: { padding: 'x'.repeat(3 * 1024 * 1024) } }));
    expect(sent.status).toBe(413);
    expect(sent.body?.errors?.[0].extensions?.code).toBe('PAYLOAD_TOO_LARGE');
    expect(await checksums()).toEqual(before);
  });
});

describe('afterwards', () => {
  it('left the reporting tables as they were', async () => {
    const after = await tableChecksums(database.dataSource, Object.keys(reportingBefore));
    expect(after).toEqual(reportingBefore);
  });

  it('generated several hundred cases', () => {
    expect(MUTATION_CASES.length + QUERY_CASES.length).toBeGreaterThan(500);
  });

  // The base input of each mutation succeeds after all of that: the hostile variants failed
  // because of the hostile value, not because the rest of the input or the target was wrong.
  it.each(MUTATIONS.map((spec) => [spec.name, spec] as const))('the base input of %s is accepted', async (_name, spec) => {
    const body = JSON.stringify({ query: mutationDocument(spec), variables: { input: await spec.base(world, true) } });
    const sent = await send(big.http.url, spec.callers[0], body);
    expect(sent.status).toBe(200);
    expect(sent.body?.errors).toBeUndefined();
    expect((sent.body?.data?.[spec.name] as Payload).errors).toEqual([]);
  });
});
