import { ProposeMatchDocument, WaitingListDetailDocument, WaitingListDetailQuery } from '../generated/graphql';
import { coordinator, daysAgo, Fixtures, officer } from '../support/fixtures';
import { createTestDatabase, TestDatabase } from '../support/testDatabase';
import { OperationResult, TestServer } from '../support/testServer';

/**
 * N+1 guard: the number of SQL statements for a nested page must not grow with the page size.
 * The waiting list is the council officer's main screen: its page statement brings the child,
 * proposed match, volunteer and provider along (src/referrals/referral.lookAhead.ts), so the whole
 * screen is one statement. `statements` counts every statement the operation ran, nothing else.
 */
let database: TestDatabase;
let server: TestServer;

const COUNCIL = 'E06000001';
const WAITING = 55;

beforeAll(async () => {
  database = await createTestDatabase();
  server = await TestServer.start(database.dataSource);
  const fixtures = new Fixtures(server);
  // Two providers, so the page mixes volunteers of different providers.
  const providers = [await fixtures.provider([COUNCIL]), await fixtures.provider([COUNCIL])];
  for (let i = 0; i < WAITING; i += 1) {
    const referralId = await fixtures.acceptedReferral(COUNCIL, 100 - i);
    // Most referrals have a proposed match; a few wait without one.
    if (i % 5 !== 4) {
      const providerId = providers[i % 2];
      const volunteerId = await fixtures.approvedVolunteer(providerId, COUNCIL);
      const proposed = await server.execute(ProposeMatchDocument, { input: { referralId, volunteerId, proposedOn: daysAgo(1) } }, coordinator(providerId));
      expect(proposed.data?.proposeMatch.errors).toEqual([]);
    }
  }
}, 120_000);

afterAll(async () => {
  await server.stop();
  await database.drop();
});

it.each([50, 10])('waitingList(first: %i) with child, proposed match, volunteer and provider runs one statement', async (first) => {
  const result = await server.execute(WaitingListDetailDocument, { code: COUNCIL, service: 'INDEPENDENT_VISITOR', first }, officer(COUNCIL));
  expect(result.errors).toBeUndefined();
  const edges = result.data!.waitingList.edges;
  expect(edges).toHaveLength(first);
  // Oldest accepted first.
  const accepted = edges.map((edge) => edge.node.acceptedOn);
  expect([...accepted].sort()).toEqual(accepted);
  const withMatch = edges.filter((edge) => edge.node.currentMatch);
  expect(withMatch.length).toBeGreaterThan(0);
  expect(withMatch.every((edge) => edge.node.currentMatch!.volunteer?.provider?.name)).toBe(true);
  expect(edges.every((edge) => edge.node.child?.caseReference)).toBe(true);
  expect(result.statements).toBe(1);
});

it('pages through the whole waiting list in one statement per page', async () => {
  const seen: string[] = [];
  let after: string | null = null;
  for (;;) {
    const page: OperationResult<WaitingListDetailQuery> = await server.execute(
      WaitingListDetailDocument,
      { code: COUNCIL, service: 'INDEPENDENT_VISITOR', first: 20, after },
      officer(COUNCIL),
    );
    expect(page.statements).toBe(1);
    seen.push(...page.data!.waitingList.edges.map((edge) => edge.node.id));
    if (!page.data!.waitingList.pageInfo.hasNextPage) break;
    after = page.data!.waitingList.pageInfo.endCursor ?? null;
  }
  expect(seen).toHaveLength(WAITING);
  expect(new Set(seen).size).toBe(WAITING);
});
