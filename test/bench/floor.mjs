/* global URL, Buffer */
// The plain-SQL side of `npm run bench`: node:http + pg, no GraphQL, no ORM. Each route runs ONE
// SQL statement and returns its rows as JSON. Environment: DATABASE_URL, PORT, POOL_SIZE.
// Prints "READY <port>" once listening.
import { createServer } from 'node:http';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.POOL_SIZE ?? 10), application_name: 'bench-floor' });

const MEASURE = 'Children looked after on 31 March each year';

/**
 * councilComparison computed live from the operational tables, for one service and month end: the
 * definitions of reports/models (childrenLookedAfter from the latest official year on or before the
 * date, childrenMatched = distinct children with a match active on the date, waiting = accepted on
 * or before the date and neither first-matched nor closed by then, lower median and nearest-rank
 * p90 of the waits, coverage rate, rank, quartile, statistical neighbours' median rate), with the
 * regions and England, in one statement.
 */
export const LIVE_COMPARISON_SQL = `
with p as (select $1::text as service, $2::date as d),
current_councils as (select code as council_code, name, region_code, region_name from councils where is_current),
official as (select council_code, time_period as year, children_count, children_count_symbol from official_statistics
             where geographic_level = 'Local authority' and measure = '${MEASURE}'),
figure_year as (select coalesce(max(year) filter (where make_date(year, 3, 31) <= (select d from p)), min(year)) as year from (select distinct year from official) y),
cla as (
  select c.council_code, o.children_count as children_looked_after,
         case when o.children_count is not null then 'OK'
              when o.children_count_symbol in ('c', 'low') then 'SUPPRESSED'
              when o.children_count_symbol = 'z' then 'NOT_APPLICABLE' else 'NOT_AVAILABLE' end as status
  from current_councils c cross join figure_year fy
  left join official o on o.council_code = c.council_code and o.year = fy.year),
matched as (
  select r.council_code, count(distinct r.child_id)::int as children_matched
  from matches m join referrals r on r.referral_id = m.referral_id cross join p
  where r.service = p.service and m.started_on <= p.d and (m.ended_on is null or m.ended_on > p.d)
  group by 1),
waits as (
  select r.council_code, p.d - r.accepted_on as wait_days
  from referrals r cross join p
  where r.service = p.service and r.accepted_on <= p.d and (r.closed_on is null or r.closed_on > p.d)
    and not exists (select 1 from matches m where m.referral_id = r.referral_id and m.started_on <= p.d)),
waiting as (
  select council_code, count(*)::int as waiting,
         percentile_disc(0.5) within group (order by wait_days) as median_wait_days,
         percentile_disc(0.9) within group (order by wait_days) as p90_wait_days
  from waits group by 1),
figures as (
  select c.council_code, c.name, c.region_code, c.region_name, cla.children_looked_after, cla.status as children_looked_after_status,
         coalesce(matched.children_matched, 0) as children_matched,
         case when cla.children_looked_after > 0 then round(100.0 * coalesce(matched.children_matched, 0) / cla.children_looked_after, 1) end as coverage_rate,
         coalesce(waiting.waiting, 0) as waiting, waiting.median_wait_days, waiting.p90_wait_days
  from current_councils c join cla using (council_code)
  left join matched using (council_code) left join waiting using (council_code)),
ranked as (
  select f.*,
         case when coverage_rate is not null then rank() over (partition by coverage_rate is null order by coverage_rate desc)::int end as rank,
         count(coverage_rate) over () as ranked_councils
  from figures f),
neighbours as (
  select sn.council_code, round((percentile_cont(0.5) within group (order by f.coverage_rate))::numeric, 1) as statistical_neighbour_median_rate
  from statistical_neighbours sn join figures f on f.council_code = sn.neighbour_code
  where f.coverage_rate is not null group by 1),
council_rows as (
  select r.*, ceil(4.0 * r.rank / nullif(r.ranked_councils, 0))::int as quartile, n.statistical_neighbour_median_rate
  from ranked r left join neighbours n using (council_code)),
region_rows as (
  select f.region_code, min(f.region_name) as region_name,
         sum(children_looked_after) filter (where children_looked_after_status = 'OK')::int as children_looked_after,
         sum(children_matched)::int as children_matched,
         round(100.0 * sum(children_matched) filter (where children_looked_after_status = 'OK') / nullif(sum(children_looked_after) filter (where children_looked_after_status = 'OK'), 0), 1) as coverage_rate,
         sum(waiting)::int as waiting,
         (select percentile_disc(0.5) within group (order by w.wait_days) from waits w join current_councils c using (council_code) where c.region_code = f.region_code) as median_wait_days,
         (select percentile_disc(0.9) within group (order by w.wait_days) from waits w join current_councils c using (council_code) where c.region_code = f.region_code) as p90_wait_days
  from figures f group by f.region_code),
england as (
  select sum(children_looked_after) filter (where children_looked_after_status = 'OK')::int as children_looked_after,
         sum(children_matched)::int as children_matched,
         round(100.0 * sum(children_matched) filter (where children_looked_after_status = 'OK') / nullif(sum(children_looked_after) filter (where children_looked_after_status = 'OK'), 0), 1) as coverage_rate,
         sum(waiting)::int as waiting,
         (select percentile_disc(0.5) within group (order by wait_days) from waits) as median_wait_days,
         (select percentile_disc(0.9) within group (order by wait_days) from waits) as p90_wait_days
  from figures)
select (select json_agg(c order by c.council_code) from council_rows c) as councils,
       (select json_agg(r order by r.region_code) from region_rows r) as regions,
       (select row_to_json(e) from england e) as england`;

/** Tandem's waitingList with child, open match, volunteer and provider, as one joined statement. */
const WAITING_LIST_SQL = `
select r.referral_id, r.accepted_on::text, r.status,
       ch.child_id, ch.case_reference, ch.birth_month::text,
       m.match_id, m.status as match_status, v.volunteer_id, v.status as volunteer_status, pr.provider_id, pr.name as provider_name
from referrals r
join children ch on ch.child_id = r.child_id
left join matches m on m.referral_id = r.referral_id and m.status in ('PROPOSED', 'ACTIVE')
left join volunteers v on v.volunteer_id = m.volunteer_id
left join providers pr on pr.provider_id = v.provider_id
where r.council_code = $1::text and r.service = $2::text and r.status = 'ACCEPTED'
order by r.accepted_on, r.referral_id
limit $3::int`;

/** Tandem's referrals(first, localAuthorityCode, status): newest first, keyset after (referred_on, referral_id). */
const REFERRALS_SQL = `
select r.referral_id, r.child_id, r.council_code, r.service, r.source, r.status,
       r.referred_on::text, r.accepted_on::text, r.matched_on::text, r.closed_on::text
from referrals r
where r.council_code = $1::text and r.status = $2::text
  and ($4::date is null or (r.referred_on, r.referral_id) < ($4::date, $5::uuid))
order by r.referred_on desc, r.referral_id desc
limit $3::int`;

async function route(url) {
  const q = url.searchParams;
  switch (url.pathname) {
    case '/council-comparison': {
      const { rows } = await pool.query(LIVE_COMPARISON_SQL, [q.get('service'), q.get('date')]);
      return rows[0];
    }
    case '/waiting-list': {
      const { rows } = await pool.query(WAITING_LIST_SQL, [q.get('code'), q.get('service'), Number(q.get('first') ?? 50)]);
      return { rows };
    }
    case '/referrals': {
      const first = Number(q.get('first') ?? 100);
      const [afterDate, afterId] = (q.get('after') ?? '|').split('|');
      const { rows } = await pool.query(REFERRALS_SQL, [q.get('code'), q.get('status'), first + 1, afterDate || null, afterId || null]);
      const more = rows.length > first;
      const page = more ? rows.slice(0, first) : rows;
      const last = page[page.length - 1];
      return { rows: page, hasNextPage: more, endCursor: last ? `${last.referred_on}|${last.referral_id}` : null };
    }
    default:
      return undefined;
  }
}

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  route(url).then(
    (body) => {
      if (body === undefined) {
        res.writeHead(404).end();
        return;
      }
      const json = JSON.stringify(body);
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) }).end(json);
    },
    (error) => {
      res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error?.message ?? error));
    },
  );
});
server.keepAliveTimeout = 60_000;

server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => console.log(`READY ${server.address().port}`));
const stop = async () => {
  server.closeAllConnections?.();
  server.close();
  await pool.end();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
