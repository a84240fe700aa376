import { keyOfGlobalId } from '../../src/graphql/relay';
import { ProposeMatchDocument } from '../generated/graphql';
import { coordinator, daysAgo, Fixtures } from '../support/fixtures';
import { createTestDatabase, TestDatabase } from '../support/testDatabase';
import { TestServer } from '../support/testServer';

/**
 * Two coordinators racing: the database, not only the code, must let exactly one win. Each round
 * fires both proposals at once on separate connections.
 */
let database: TestDatabase;
let server: TestServer;
let fixtures: Fixtures;
let providerId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  server = await TestServer.start(database.dataSource);
  fixtures = new Fixtures(server);
  providerId = await fixtures.provider(['E06000001']);
});

afterAll(async () => {
  await server.stop();
  await database.drop();
});

const ROUNDS = 20;

it(`one volunteer with capacity 1, two referrals: exactly one proposal wins, ${ROUNDS} times in a row`, async () => {
  for (let round = 0; round < ROUNDS; round += 1) {
    const volunteerId = await fixtures.approvedVolunteer(providerId, 'E06000001', { maxMatches: 1 });
    const [first, second] = await Promise.all([fixtures.acceptedReferral('E06000001'), fixtures.acceptedReferral('E06000001')]);
    const results = await Promise.all(
      [first, second].map((referralId) =>
        server.execute(ProposeMatchDocument, { input: { referralId, volunteerId, proposedOn: daysAgo(1) } }, coordinator(providerId)),
      ),
    );
    const errors = results.map((r) => r.data!.proposeMatch.errors);
    expect(errors.filter((e) => e.length === 0)).toHaveLength(1);
    expect(errors.flat().map((e) => e.code)).toEqual(['CAPACITY_REACHED']);
    const [{ open, matches }] = await database.dataSource.query(
      `select v.open_matches as open, (select count(*)::int from matches m where m.volunteer_id = v.volunteer_id) as matches
       from volunteers v where v.volunteer_id = $1::uuid`,
      [keyOfGlobalId(volunteerId, 'Volunteer')],
    );
    expect({ open, matches }).toEqual({ open: 1, matches: 1 });
  }
});

it(`one referral, two volunteers: exactly one proposal wins, ${ROUNDS} times in a row`, async () => {
  for (let round = 0; round < ROUNDS; round += 1) {
    const referralId = await fixtures.acceptedReferral('E06000001');
    const volunteers = await Promise.all([fixtures.approvedVolunteer(providerId, 'E06000001'), fixtures.approvedVolunteer(providerId, 'E06000001')]);
    const results = await Promise.all(
      volunteers.map((volunteerId) =>
        server.execute(ProposeMatchDocument, { input: { referralId, volunteerId, proposedOn: daysAgo(1) } }, coordinator(providerId)),
      ),
    );
    const errors = results.map((r) => r.data!.proposeMatch.errors);
    expect(errors.filter((e) => e.length === 0)).toHaveLength(1);
    expect(errors.flat().map((e) => e.code)).toEqual(['CONFLICT']);
  }
  const [{ doubled }] = await database.dataSource.query(
    `select count(*)::int as doubled from (select referral_id from matches where status in ('PROPOSED', 'ACTIVE') group by referral_id having count(*) > 1) d`,
  );
  expect(doubled).toBe(0);
  const [{ overCapacity }] = await database.dataSource.query(
    `select count(*)::int as "overCapacity" from volunteers v
     where v.open_matches <> (select count(*) from matches m where m.volunteer_id = v.volunteer_id and m.status in ('PROPOSED', 'ACTIVE'))`,
  );
  expect(overCapacity).toBe(0);
});
