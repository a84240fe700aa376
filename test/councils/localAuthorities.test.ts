import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { toGlobalId } from '../../src/graphql/relay';
import {
  CouncilByCodeDocument,
  CouncilCountDocument,
  CouncilsPageDocument,
  CouncilsPageQuery,
  CouncilsWithNeighboursDocument,
  NodeByIdDocument,
} from '../generated/graphql';
import { createTestDatabase, TestDatabase } from '../support/testDatabase';
import { OperationResult, TestServer } from '../support/testServer';

let database: TestDatabase;
let server: TestServer;

beforeAll(async () => {
  database = await createTestDatabase();
  server = await TestServer.start(database.dataSource);
});

afterAll(async () => {
  await server.stop();
  await database.drop();
});

describe('localAuthorities', () => {
  it('counts the 153 councils that exist today, and 155 with the abolished ones', async () => {
    const today = await server.execute(CouncilCountDocument, {});
    expect(today.errors).toBeUndefined();
    expect(today.data?.localAuthorities.totalCount).toBe(153);
    const all = await server.execute(CouncilCountDocument, { includeAbolished: true });
    expect(all.data?.localAuthorities.totalCount).toBe(155);
  });

  it('pages through every council exactly once, in code order', async () => {
    const codes: string[] = [];
    let after: string | null | undefined = null;
    let pages = 0;
    do {
      const page: OperationResult<CouncilsPageQuery> = await server.execute(CouncilsPageDocument, { first: 40, after });
      expect(page.errors).toBeUndefined();
      const connection = page.data!.localAuthorities;
      codes.push(...connection.edges.map((edge) => edge.node.code));
      after = connection.pageInfo.hasNextPage ? connection.pageInfo.endCursor : null;
      pages += 1;
    } while (after);
    expect(pages).toBe(4);
    expect(codes).toHaveLength(153);
    expect(new Set(codes).size).toBe(153);
    expect([...codes].sort()).toEqual(codes);
  });

  it('filters by region code or name; London includes Inner and Outer London boroughs', async () => {
    const byName = await server.execute(CouncilsPageDocument, { first: 100, region: 'london' });
    const byCode = await server.execute(CouncilsPageDocument, { first: 100, region: 'E12000007' });
    expect(byName.data?.localAuthorities.totalCount).toBe(33);
    expect(byCode.data?.localAuthorities.edges.map((e) => e.node.code)).toEqual(byName.data?.localAuthorities.edges.map((e) => e.node.code));
    expect(byName.data?.localAuthorities.edges.every((e) => e.node.regionCode === 'E12000007' && e.node.regionName === 'London')).toBe(true);
  });

  it('rejects an unknown region with the values it expected', async () => {
    const result = await server.execute(CouncilsPageDocument, { region: 'Narnia' });
    expect(result.errors?.[0].message).toMatch(/Unknown region "Narnia": expected an English region code/);
    expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it.each([0, -1, 101, 1000])('rejects first: %i with a clear error', async (first) => {
    const result = await server.execute(CouncilsPageDocument, { first });
    expect(result.data).toBeNull();
    expect(result.errors?.[0].message).toBe(`\`first\` must be between 1 and 100; got ${first}.`);
    expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('rejects a cursor it did not issue', async () => {
    for (const after of ['nonsense', toGlobalId('LocalAuthority', 'E06000001'), Buffer.from('cursor:{"a":1}').toString('base64url')]) {
      const result = await server.execute(CouncilsPageDocument, { after });
      expect(result.errors?.[0].message).toMatch(/`after` is not a cursor from this list/);
    }
  });

  it('fetches every council with its statistical neighbours in at most 3 statements', async () => {
    const result = await server.execute(CouncilsWithNeighboursDocument, {});
    expect(result.errors).toBeUndefined();
    const councils = result.data!.localAuthorities.edges;
    expect(councils).toHaveLength(100);
    expect(councils.every((edge) => edge.node.statisticalNeighbours.length === 10)).toBe(true);
    expect(result.statements).toBeLessThanOrEqual(3);
  });
});

describe('localAuthority(code)', () => {
  it('answers Hartlepool with 332 children looked after at 31 March 2025', async () => {
    const result = await server.execute(CouncilByCodeDocument, { code: 'E06000001', year: 2025 });
    expect(result.data?.localAuthority).toMatchObject({
      name: 'Hartlepool',
      oldCode: '805',
      regionCode: 'E12000001',
      regionName: 'North East',
      isCurrent: true,
      childrenLookedAfter: 332,
      childrenLookedAfterFigure: { value: 332, status: 'OK' },
    });
  });

  it("reports the City of London's 2025 figure as suppressed, not as 0", async () => {
    const result = await server.execute(CouncilByCodeDocument, { code: 'E09000001', year: 2025 });
    expect(result.data?.localAuthority).toMatchObject({
      name: 'City of London',
      regionCode: 'E12000007',
      childrenLookedAfter: null,
      childrenLookedAfterFigure: { value: null, status: 'SUPPRESSED' },
    });
  });

  it('keeps abolished councils queryable, with z years as not applicable', async () => {
    const cumbria2023 = await server.execute(CouncilByCodeDocument, { code: 'E10000006', year: 2023 });
    expect(cumbria2023.data?.localAuthority).toMatchObject({ name: 'Cumbria', isCurrent: false, childrenLookedAfter: 740 });
    const cumbria2025 = await server.execute(CouncilByCodeDocument, { code: 'E10000006', year: 2025 });
    expect(cumbria2025.data?.localAuthority?.childrenLookedAfterFigure).toEqual({ value: null, status: 'NOT_APPLICABLE' });
    const scilly = await server.execute(CouncilByCodeDocument, { code: 'E06000053', year: 2025 });
    expect(scilly.data?.localAuthority).toMatchObject({ isCurrent: true, childrenLookedAfterFigure: { status: 'NOT_APPLICABLE' } });
  });

  it('reports a year with no release as not available', async () => {
    const result = await server.execute(CouncilByCodeDocument, { code: 'E06000001', year: 2019 });
    expect(result.data?.localAuthority?.childrenLookedAfterFigure).toEqual({ value: null, status: 'NOT_AVAILABLE' });
  });

  it('lists statistical neighbours in the model order of the official file', async () => {
    const file = fs.readFileSync(path.join(__dirname, '..', '..', 'src', 'councils', 'data', 'statistical_neighbours_2025.csv'), 'utf8');
    const hartlepool = (parse(file, { bom: true, columns: true }) as Record<string, string>[]).find((row) => row.old_la_code === '805')!;
    const expectedOldCodes = Array.from({ length: 10 }, (_, i) => hartlepool[`SN_${i + 1}`]);
    const result = await server.execute(CouncilByCodeDocument, { code: 'E06000001', year: 2025 });
    const neighbours = result.data!.localAuthority!.statisticalNeighbours;
    const oldCodes = await Promise.all(
      neighbours.map(async (n) => (await database.dataSource.query('select old_code from councils where code = $1', [n.code]))[0].old_code),
    );
    expect(oldCodes).toEqual(expectedOldCodes);
  });

  it('returns null for an unknown code', async () => {
    const result = await server.execute(CouncilByCodeDocument, { code: 'E99999999', year: 2025 });
    expect(result.errors).toBeUndefined();
    expect(result.data?.localAuthority).toBeNull();
  });
});

describe('node(id)', () => {
  it('fetches a council by its global ID', async () => {
    const result = await server.execute(NodeByIdDocument, { id: toGlobalId('LocalAuthority', 'E06000001') });
    expect(result.data?.node).toEqual({ id: toGlobalId('LocalAuthority', 'E06000001'), code: 'E06000001', name: 'Hartlepool' });
  });

  it.each(['', 'not-base64!', toGlobalId('Nothing', '1'), toGlobalId('LocalAuthority', 'E99999999'), Buffer.from('no separator').toString('base64url')])(
    'answers null for the malformed or unknown ID %p',
    async (id) => {
      const result = await server.execute(NodeByIdDocument, { id });
      expect(result.errors).toBeUndefined();
      expect(result.data?.node).toBeNull();
    },
  );
});
