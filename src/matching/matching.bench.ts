import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import type { DataSource } from 'typeorm';
import { Role } from '../auth/roles';
import type { Principal } from '../auth/viewer';
import { loadReferenceDataIfEmpty } from '../councils/referenceData';
import sql from 'sql-template-tag';
import { ensureDatabase } from '../database/database';
import { execute, queryUnchecked } from '../database/sql';
import { createDataSource } from '../database/dataSource';
import { startEmbeddedPostgres, temporaryDataDir } from '../database/embeddedPostgres';
import { Service } from '../graphql/enums';
import { buildMatchingPlan, suggestVolunteers } from './matching.service';
import { DEFAULT_MATCHING_WEIGHTS } from '../config';

/**
 * `npm run bench:matching`: times suggestedVolunteers for one referral among 10,000 volunteers and
 * matchingPlan for a council with 300 waiting children and 1,000 volunteers, on a throw-away
 * embedded PostgreSQL (or DATABASE_URL's server, in a new database) filled with deterministic
 * synthetic data, and prints the figures (README "Match suggestions"). Not a test: timings vary by
 * machine, so nothing here passes or fails.
 */

const TODAY = '2025-11-23';
const SUGGESTION_COUNCIL = 'E08000025'; // Birmingham
const PLAN_COUNCIL = 'E08000035'; // Leeds
const RUNS = { suggestions: 30, plan: 7 };
const admin: Principal = { userId: 'bench', role: Role.ADMIN, councilCode: null, providerId: null };

const INTERESTS = [
  'football',
  'art',
  'music',
  'swimming',
  'gaming',
  'cooking',
  'reading',
  'dance',
  'drama',
  'cycling',
  'chess',
  'animals',
  'photography',
  'basketball',
  'fishing',
  'hiking',
  'coding',
  'drawing',
  'films',
  'skateboarding',
];
const LANGUAGES = ['polish', 'urdu', 'punjabi', 'arabic', 'romanian', 'somali', 'bengali'];

/**
 * Providers commissioned by `council`, their volunteers (80% APPROVED with a DBS check valid on
 * TODAY, 70% living in the council's region), and matches that ended for a fifth of them so
 * experience varies.
 */
async function seedVolunteers(db: DataSource, council: string, volunteers: number, prefix: string): Promise<void> {
  await execute(
    db,
    sql`with new_providers as (
       insert into providers (provider_id, name, kind)
       select md5(${prefix}::text || '-provider-' || g)::uuid, ${prefix}::text || ' provider ' || g, 'CHARITY' from generate_series(1, 8) g returning provider_id
     )
     insert into commissions (provider_id, council_code, service, starts_on)
     select provider_id, ${council}::text, 'INDEPENDENT_VISITOR', date '2020-04-01' from new_providers`,
  );
  await execute(
    db,
    sql`with providers_here as (
       select array_agg(c.provider_id order by c.provider_id) as ids from commissions c join providers p using (provider_id)
       where c.council_code = ${council}::text and p.name like ${prefix}::text || ' provider %'
     ),
     region as (
       select array_agg(code order by code) filter (where region_code = (select region_code from councils where code = ${council}::text)) as near,
              array_agg(code order by code) as everywhere
       from councils where is_current
     ),
     draws as (
       select g, bench_draw(${prefix}::text || g || 'home') as r_home, bench_draw(${prefix}::text || g || 'status') as r_status, bench_draw(${prefix}::text || g || 'dbs') as r_dbs,
              bench_draw(${prefix}::text || g || 'lang') as r_lang, bench_draw(${prefix}::text || g || 'gender') as r_gender, bench_draw(${prefix}::text || g || 'cap') as r_cap,
              floor(bench_draw(${prefix}::text || g || 'pick') * 1000)::int as r_pick
       from generate_series(1, ${volunteers}::int) g
     )
     insert into volunteers (volunteer_id, provider_id, home_council_code, gender, languages, interests, max_matches, status, applied_on,
                             dbs_issued_on, dbs_update_service, training_completed_on, references_received, approved_on)
     select md5(${prefix}::text || '-volunteer-' || g)::uuid, providers_here.ids[1 + g % array_length(providers_here.ids, 1)],
            case when r_home < 0.7 then region.near[1 + r_pick % array_length(region.near, 1)]
                 else region.everywhere[1 + r_pick % array_length(region.everywhere, 1)] end,
            (array['FEMALE', 'MALE', 'NON_BINARY', 'NOT_STATED'])[1 + floor(r_gender * 4)::int % 4],
            case when r_lang < 0.15 then array['english', (${LANGUAGES}::text[])[1 + r_pick % array_length(${LANGUAGES}::text[], 1)]] else array['english'] end,
            array(select distinct i from unnest(${INTERESTS}::text[]) with ordinality as t(i, n) where ((g * 7 + n * 13 + r_pick) % 6) = 0 order by i),
            case when r_cap < 0.7 then 1 when r_cap < 0.9 then 2 else 3 end,
            case when r_status < 0.8 then 'APPROVED' when r_status < 0.9 then 'TRAINING' else 'INACTIVE' end,
            date '2021-01-01',
            ${TODAY}::date - (30 + floor(r_dbs * 1300))::int,
            r_dbs < 0.3,
            date '2021-06-01',
            2,
            case when r_status < 0.8 or r_status >= 0.9 then date '2021-07-01' end
     from draws, providers_here, region`,
  );
}

/** Children of `council` with ACCEPTED referrals that have waited 1 to 700 days; a tenth with required preferences. */
async function seedWaitingChildren(db: DataSource, council: string, children: number, prefix: string): Promise<string[]> {
  const rows = await queryUnchecked(
    db,
    sql`with new_children as (
       insert into children (child_id, council_code, case_reference, birth_month, gender, ethnicity, placement_type, placed_out_of_area, looked_after_since, interests, languages)
       select md5(${prefix}::text || '-child-' || g)::uuid, ${council}::text, ${prefix}::text || '-' || g, date '2012-05-01', (array['FEMALE', 'MALE'])[1 + g % 2], 'WHITE', 'FOSTER_CARE', false, date '2019-01-01',
              array(select distinct i from unnest(${INTERESTS}::text[]) with ordinality as t(i, n) where ((g * 5 + n * 11) % 7) = 0 order by i),
              case when g % 9 = 0 then array['english', (${LANGUAGES}::text[])[1 + g % array_length(${LANGUAGES}::text[], 1)]] else array['english'] end
       from generate_series(1, ${children}::int) g
       returning child_id, case_reference, languages
     )
     insert into referrals (referral_id, child_id, council_code, placement_council_code, service, source, status, referred_on, accepted_on,
                            preferred_volunteer_gender, volunteer_gender_required, preferred_languages, language_required)
     select md5(case_reference || '-referral')::uuid, child_id, ${council}::text, ${council}::text, 'INDEPENDENT_VISITOR', 'SOCIAL_WORKER', 'ACCEPTED',
            ${TODAY}::date - (5 + (hashtext(case_reference) & 1023) % 700), ${TODAY}::date - (1 + (hashtext(case_reference) & 1023) % 700),
            case when (hashtext(case_reference) & 15) = 1 then 'FEMALE' end, (hashtext(case_reference) & 15) = 1,
            case when array_length(languages, 1) > 1 and (hashtext(case_reference) & 3) = 0 then languages[2:2] else '{}' end,
            array_length(languages, 1) > 1 and (hashtext(case_reference) & 3) = 0
     from new_children
     returning referral_id`,
  );
  return rows.map((row) => String(row.referral_id));
}

/** Past matches (started and ended) for about a fifth of the approved volunteers, so experience varies. */
async function seedHistory(db: DataSource, council: string, prefix: string): Promise<void> {
  const chosen = sql`select v.volunteer_id, row_number() over (order by v.volunteer_id) as n
    from volunteers v join providers p using (provider_id)
    where p.name like ${prefix}::text || ' provider %' and v.status = 'APPROVED' and abs(hashtext(v.volunteer_id::text)) % 5 = 0`;
  await execute(
    db,
    sql`with chosen as (${chosen}),
     new_children as (
       insert into children (council_code, case_reference, birth_month, gender, ethnicity, placement_type, placed_out_of_area, looked_after_since)
       select ${council}::text, ${prefix}::text || '-past-' || n, date '2008-05-01', 'MALE', 'WHITE', 'FOSTER_CARE', false, date '2015-01-01' from chosen
       returning child_id
     )
     insert into referrals (child_id, council_code, placement_council_code, service, source, status, referred_on, accepted_on, matched_on)
     select child_id, ${council}::text, ${council}::text, 'INDEPENDENT_VISITOR', 'SOCIAL_WORKER', 'MATCHED', date '2022-01-01', date '2022-01-10', date '2022-02-01'
     from new_children`,
  );
  await execute(
    db,
    sql`insert into matches (referral_id, volunteer_id, status, proposed_on, started_on, ended_on, end_reason)
     select r.referral_id, chosen.volunteer_id, 'ENDED', date '2022-01-20', date '2022-02-01', date '2023-02-01', 'PLANNED_ENDING'
     from (${chosen}) chosen
     join children c on c.case_reference = ${prefix}::text || '-past-' || chosen.n and c.council_code = ${council}::text
     join referrals r on r.child_id = c.child_id`,
  );
}

function summary(times: number[]): string {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
  return `median ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms, min ${sorted[0].toFixed(1)} ms (${sorted.length} runs)`;
}

async function time<T>(runs: number, work: () => Promise<T>): Promise<{ times: number[]; result: T }> {
  let result = await work(); // warm-up: plans, caches, JIT
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    result = await work();
    times.push(performance.now() - start);
  }
  return { times, result };
}

async function main(): Promise<void> {
  let maintenanceUrl = process.env.DATABASE_URL;
  let stop: (() => Promise<void>) | undefined;
  if (!maintenanceUrl) {
    const embedded = await startEmbeddedPostgres(temporaryDataDir('tandem-bench-'), { persistent: false });
    maintenanceUrl = embedded.url;
    stop = embedded.stop;
  }
  const name = `tandem_bench_${process.pid}`;
  const url = await ensureDatabase(maintenanceUrl, name);
  const db = createDataSource(url, { poolSize: 4 });
  try {
    await db.initialize();
    await db.runMigrations({ transaction: 'each' });
    await loadReferenceDataIfEmpty(db);
    // Deterministic pseudo-random draws in [0, 1) from a label, so every run builds the same data (a throw-away database).
    await db.query(`create function bench_draw(label text) returns double precision language sql immutable
      as $$ select ('x' || substr(md5(label), 1, 8))::bit(32)::bigint / 4294967296.0 $$`);

    const seedStart = performance.now();
    await seedVolunteers(db, SUGGESTION_COUNCIL, 10_000, 'S');
    const [suggestionReferral] = await seedWaitingChildren(db, SUGGESTION_COUNCIL, 1, 'S');
    await seedHistory(db, SUGGESTION_COUNCIL, 'S');
    await seedVolunteers(db, PLAN_COUNCIL, 1_000, 'P');
    await seedWaitingChildren(db, PLAN_COUNCIL, 300, 'P');
    await seedHistory(db, PLAN_COUNCIL, 'P');
    await db.query('analyze');
    const seedMs = performance.now() - seedStart;

    const [counts] = await queryUnchecked(
      db,
      sql`select (select count(*) from volunteers v join commissions c on c.provider_id = v.provider_id and c.council_code = ${SUGGESTION_COUNCIL}::text)::int as suggestion_volunteers,
              (select count(*) from volunteers v join commissions c on c.provider_id = v.provider_id and c.council_code = ${PLAN_COUNCIL}::text)::int as plan_volunteers,
              (select count(*) from referrals where council_code = ${PLAN_COUNCIL}::text and status = 'ACCEPTED')::int as plan_waiting,
              (select count(*) from matches)::int as past_matches`,
    );
    const referralId = Buffer.from(`Referral:${suggestionReferral}`).toString('base64url');

    const suggestions = await time(RUNS.suggestions, () => suggestVolunteers(db, admin, referralId, 20, DEFAULT_MATCHING_WEIGHTS, TODAY));
    const plan = await time(RUNS.plan, () => buildMatchingPlan(db, admin, PLAN_COUNCIL, Service.INDEPENDENT_VISITOR, DEFAULT_MATCHING_WEIGHTS, TODAY));

    const lines = [
      `Tandem matching benchmark (Node ${process.version}, PostgreSQL ${(await db.query('show server_version'))[0].server_version}, data seeded in ${(seedMs / 1000).toFixed(1)} s)`,
      '',
      `suggestedVolunteers(first: 20) for one referral in ${SUGGESTION_COUNCIL}: ${counts.suggestion_volunteers} volunteers of commissioned providers, ${suggestions.result.length} shown`,
      `  ${summary(suggestions.times)}`,
      `  best: score ${suggestions.result[0]?.score} — ${suggestions.result[0]?.factors.map((factor) => factor.explanation).join('; ')}`,
      '',
      `matchingPlan for ${PLAN_COUNCIL}: ${counts.plan_waiting} waiting children, ${counts.plan_volunteers} volunteers (${plan.result.availableVolunteers} available after the SQL prefilter)`,
      `  ${summary(plan.times)}`,
      `  plan:   ${plan.result.matched} matched, total score ${plan.result.totalScore.toFixed(1)}`,
      `  greedy: ${plan.result.greedyMatched} matched, total score ${plan.result.greedyTotalScore.toFixed(1)}`,
      `  unmatched: ${plan.result.unmatched.length} (${[...new Set(plan.result.unmatched.map((entry) => entry.reason))].join(', ') || 'none'})`,
    ];
    console.log(lines.join('\n'));
  } finally {
    if (db.isInitialized) await db.destroy();
    if (stop) {
      await stop();
    } else {
      const { Client } = await import('pg');
      const client = new Client({ connectionString: maintenanceUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    }
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
