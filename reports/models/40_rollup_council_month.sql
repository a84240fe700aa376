-- grain: one row per current council, service and month end
-- materialized: table
-- key: council_code, service, month_end
-- index: service, month_end
--
-- The council figures of reports/METRICS.md at each reporting date, with the month's period metrics
-- (the calendar month ending on month_end). The GraphQL and CSV layers read these columns by
-- name: add columns at the end, never rename one.

with councils as (
    select * from reporting.stg_councils
),

official_children_looked_after as (
    select * from reporting.stg_official_children_looked_after
),

statistical_neighbours as (
    select * from reporting.stg_statistical_neighbours
),

reporting_dates as (
    select * from reporting.dim_reporting_dates
),

matches as (
    select * from reporting.fct_matches
),

waiting_referrals as (
    select * from reporting.fct_waiting_referrals
),

council_period_activity as (
    select * from reporting.int_council_period_activity
),

services as (
    select service
    from (values ('INDEPENDENT_VISITOR'), ('MENTORING')) as services (service)
),

current_councils as (
    select
        council_code,
        region_code
    from councils
    where is_current
),

council_month_ends as (
    select
        current_councils.council_code,
        current_councils.region_code,
        services.service,
        reporting_dates.month_end
    from current_councils
    cross join services
    cross join reporting_dates
),

-- childrenLookedAfter uses the latest official year whose 31 March is on or before the month end,
-- or the earliest year held when there is none. The year is chosen over the years the release
-- holds for any council, so a council missing from that year's file is NOT_AVAILABLE rather than
-- silently given an older figure.
official_years as (
    select distinct year
    from official_children_looked_after
),

figure_years as (
    select
        reporting_dates.month_end,
        coalesce(
            max(official_years.year) filter (where make_date(official_years.year, 3, 31) <= reporting_dates.month_end),
            min(official_years.year)
        ) as children_looked_after_year
    from reporting_dates
    cross join official_years
    group by reporting_dates.month_end
),

children_looked_after as (
    select
        current_councils.council_code,
        figure_years.month_end,
        figure_years.children_looked_after_year,
        official_children_looked_after.children_looked_after,
        case
            when official_children_looked_after.children_looked_after is not null then 'OK'
            when official_children_looked_after.children_looked_after_symbol in ('c', 'low') then 'SUPPRESSED'
            when official_children_looked_after.children_looked_after_symbol = 'z' then 'NOT_APPLICABLE'
            -- x, u, or no figure for this council in that year
            else 'NOT_AVAILABLE'
        end as children_looked_after_status
    from current_councils
    cross join figure_years
    left join official_children_looked_after
        on official_children_looked_after.council_code = current_councils.council_code
        and official_children_looked_after.year = figure_years.children_looked_after_year
),

-- childrenMatched: distinct children with at least one match active on the month end. A match
-- is active on a month end m when started_on <= m and (ended_on is null or ended_on > m), that
-- is from the month end of started_on up to, not including, the month end of ended_on (a match
-- that ends within the month it started is never active on a month end). Rather than one row
-- per match and month end (millions at demo scale 10), a child's overlapping matches are merged
-- into spans, so each child counts once, and the spans are counted with a running sum of
-- their starts less their ends.
match_active_months as (
    select
        council_code,
        service,
        child_id,
        (date_trunc('month', started_on::timestamp) + interval '1 month' - interval '1 day')::date as active_from,
        coalesce(
            (date_trunc('month', ended_on::timestamp) + interval '1 month' - interval '1 day')::date,
            'infinity'
        ) as active_until
    from matches
),

active_matches as (
    select *
    from match_active_months
    where active_until > active_from
),

-- a match starts a new span of its child (in the same council and service) unless an earlier
-- match of the child is still active when it starts
match_spans as (
    select
        council_code,
        service,
        child_id,
        active_from,
        active_until,
        coalesce(
            active_from >= max(active_until) over (
                partition by council_code, service, child_id
                order by active_from, active_until
                rows between unbounded preceding and 1 preceding
            ),
            true
        ) as starts_span
    from active_matches
),

numbered_match_spans as (
    select
        *,
        count(*) filter (where starts_span) over (
            partition by council_code, service, child_id
            order by active_from, active_until
            rows between unbounded preceding and current row
        ) as span_number
    from match_spans
),

child_spans as (
    select
        council_code,
        service,
        child_id,
        min(active_from) as active_from,
        max(active_until) as active_until
    from numbered_match_spans
    group by council_code, service, child_id, span_number
),

-- +1 where a span starts, -1 where it ends; changes before the first reporting date are counted
-- on it, so the running sum starts from the children already matched then
first_reporting_date as (
    select min(month_end) as month_end
    from reporting_dates
),

children_matched_changes as (
    select
        child_spans.council_code,
        child_spans.service,
        greatest(child_spans.active_from, first_reporting_date.month_end) as month_end,
        1 as change
    from child_spans
    cross join first_reporting_date
    union all
    select
        child_spans.council_code,
        child_spans.service,
        greatest(child_spans.active_until, first_reporting_date.month_end) as month_end,
        -1 as change
    from child_spans
    cross join first_reporting_date
    where child_spans.active_until < 'infinity'
),

children_matched_changes_by_month as (
    select
        council_code,
        service,
        month_end,
        sum(change) as change
    from children_matched_changes
    group by 1, 2, 3
),

children_matched as (
    select
        council_month_ends.council_code,
        council_month_ends.service,
        council_month_ends.month_end,
        (sum(coalesce(children_matched_changes_by_month.change, 0)) over (
            partition by council_month_ends.council_code, council_month_ends.service
            order by council_month_ends.month_end
            rows between unbounded preceding and current row
        ))::integer as children_matched
    from council_month_ends
    left join children_matched_changes_by_month
        on children_matched_changes_by_month.council_code = council_month_ends.council_code
        and children_matched_changes_by_month.service = council_month_ends.service
        and children_matched_changes_by_month.month_end = council_month_ends.month_end
),

-- waiting, medianWaitDays (lower median) and p90WaitDays (nearest rank): percentile_disc(p)
-- returns the first value whose cumulative share reaches p, i.e. the value at rank ceil(p * n)
waiting_lists as (
    select
        council_code,
        service,
        month_end,
        count(*)::integer as waiting,
        percentile_disc(0.5) within group (order by wait_days) as median_wait_days,
        percentile_disc(0.9) within group (order by wait_days) as p90_wait_days
    from waiting_referrals
    group by 1, 2, 3
),

monthly_activity as (
    select *
    from council_period_activity
    where period_type = 'month'
),

council_figures as (
    select
        council_month_ends.council_code,
        council_month_ends.region_code,
        council_month_ends.service,
        council_month_ends.month_end,
        children_looked_after.children_looked_after,
        children_looked_after.children_looked_after_status,
        children_looked_after.children_looked_after_year,
        coalesce(children_matched.children_matched, 0) as children_matched,
        case
            when children_looked_after.children_looked_after > 0
                then round(100.0 * coalesce(children_matched.children_matched, 0) / children_looked_after.children_looked_after, 1)
        end as coverage_rate,
        coalesce(waiting_lists.waiting, 0) as waiting,
        waiting_lists.median_wait_days,
        waiting_lists.p90_wait_days
    from council_month_ends
    left join children_looked_after
        on children_looked_after.council_code = council_month_ends.council_code
        and children_looked_after.month_end = council_month_ends.month_end
    left join children_matched
        on children_matched.council_code = council_month_ends.council_code
        and children_matched.service = council_month_ends.service
        and children_matched.month_end = council_month_ends.month_end
    left join waiting_lists
        on waiting_lists.council_code = council_month_ends.council_code
        and waiting_lists.service = council_month_ends.service
        and waiting_lists.month_end = council_month_ends.month_end
),

-- rank: by coverage rate, highest first; ties share the lower rank (1, 2, 2, 4); councils with
-- no rate are not ranked
ranks as (
    select
        council_code,
        service,
        month_end,
        rank() over (partition by service, month_end order by coverage_rate desc)::integer as rank
    from council_figures
    where coverage_rate is not null
),

ranked_councils as (
    select
        service,
        month_end,
        count(*)::integer as ranked_councils
    from ranks
    group by 1, 2
),

-- the median coverage rate of the council's ten statistical neighbours, ignoring those without
-- one: the mean of the middle two when an even number have one (percentile_cont). It works in
-- double precision; the cast back to numeric keeps 15 significant digits, so a median such as
-- 3.45 rounds to 3.5 as the decimal would.
rated_councils as (
    select
        council_code,
        service,
        month_end,
        coverage_rate
    from council_figures
    where coverage_rate is not null
),

neighbour_rates as (
    select
        statistical_neighbours.council_code,
        rated_councils.service,
        rated_councils.month_end,
        round(
            (percentile_cont(0.5) within group (order by rated_councils.coverage_rate))::numeric,
            1
        ) as statistical_neighbour_median_rate
    from statistical_neighbours
    inner join rated_councils
        on rated_councils.council_code = statistical_neighbours.neighbour_council_code
    group by 1, 2, 3
),

month_figures as (
    select
        council_figures.council_code,
        council_figures.region_code,
        council_figures.service,
        council_figures.month_end,
        council_figures.children_looked_after,
        council_figures.children_looked_after_status,
        council_figures.children_looked_after_year,
        council_figures.children_matched,
        council_figures.coverage_rate,
        council_figures.waiting,
        council_figures.waiting > 0 as has_waiting_list,
        council_figures.median_wait_days,
        council_figures.p90_wait_days,
        ranks.rank,
        coalesce(ranked_councils.ranked_councils, 0) as ranked_councils,
        -- quartile 1 is the best quarter
        ceil(4.0 * ranks.rank / ranked_councils.ranked_councils)::integer as quartile,
        neighbour_rates.statistical_neighbour_median_rate,
        monthly_activity.referrals_received,
        monthly_activity.matches_started,
        monthly_activity.matches_ended,
        monthly_activity.median_days_to_match,
        monthly_activity.sustained_rate,
        monthly_activity.volunteers_approved,
        (monthly_activity.referrals_by_source ->> 'SOCIAL_WORKER')::integer as social_worker_referrals_received
    from council_figures
    left join ranks
        on ranks.council_code = council_figures.council_code
        and ranks.service = council_figures.service
        and ranks.month_end = council_figures.month_end
    left join ranked_councils
        on ranked_councils.service = council_figures.service
        and ranked_councils.month_end = council_figures.month_end
    left join neighbour_rates
        on neighbour_rates.council_code = council_figures.council_code
        and neighbour_rates.service = council_figures.service
        and neighbour_rates.month_end = council_figures.month_end
    left join monthly_activity
        on monthly_activity.council_code = council_figures.council_code
        and monthly_activity.service = council_figures.service
        and monthly_activity.period_end = council_figures.month_end
),

-- The insights of reports/METRICS.md read a council's own earlier month ends: every current
-- council has a row at every month end, so 11 rows back is the 12th month end (the window of 12
-- months to d), 12 rows back the month end a year earlier and 6 rows back half a year earlier.
-- Before the reports hold enough months these are null (not available), never a partial sum.
earlier_figures as (
    select
        month_figures.*,
        case when count(*) over last_12_months = 12
            then (sum(referrals_received) over last_12_months)::integer
        end as referrals_12_months,
        case when count(*) over last_12_months = 12
            then (sum(social_worker_referrals_received) over last_12_months)::integer
        end as social_worker_referrals_12_months,
        lag(coverage_rate, 12) over by_month as coverage_rate_12_months_earlier,
        lag(waiting, 6) over by_month as waiting_6_months_earlier
    from month_figures
    window
        by_month as (partition by council_code, service order by month_end),
        last_12_months as (partition by council_code, service order by month_end rows between 11 preceding and current row)
),

final as (
    select
        earlier_figures.*,
        case
            when children_looked_after_status = 'OK' and children_looked_after > 0
                then round(100.0 * referrals_12_months / children_looked_after, 1)
        end as referrals_per_100_looked_after,
        case
            when referrals_12_months > 0
                then round(100.0 * social_worker_referrals_12_months / referrals_12_months, 1)
        end as social_worker_referral_share,
        -- from the published one-decimal rates, so it says nothing they do not
        coverage_rate - coverage_rate_12_months_earlier as coverage_change_12_months,
        -- waiting(d - 6) - waiting(d) is the net fall over the 6 months (referrals leaving the
        -- list by match or closure less those accepted onto it), so the mean monthly fall is a
        -- sixth of it and the months to clear 6 × waiting / fall; null when the list did not fall
        case
            when waiting = 0 then 0
            when waiting_6_months_earlier > waiting
                then round(6.0 * waiting / (waiting_6_months_earlier - waiting), 1)
        end as months_to_clear_waiting_list
    from earlier_figures
)

select * from final
