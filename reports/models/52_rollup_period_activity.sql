-- grain: one row per area (current council, region or England), service and reporting period (each month, and each year to 31 March)
-- materialized: table
-- key: area_code, service, period_type, period_end
-- index: service, period_type, period_end
--
-- The period metrics of reports/METRICS.md at every geographic level, as GraphQL's `activity` and
-- the council-activity file serve them: the council rows of int_council_period_activity, and
-- region and England rows summed over the current councils only (abolished councils are not
-- compared, as for coverage). Counts and breakdowns are sums; sustainedRate is recomputed from the
-- summed judged and sustained counts, never a mean of council rates; medianDaysToMatch is the
-- median over the pooled referrals matched in the area, never a median of council medians.

with council_period_activity as (
    select * from reporting.int_council_period_activity
),

referrals as (
    select * from reporting.fct_referrals
),

councils as (
    select * from reporting.stg_councils
),

reporting_periods as (
    select * from reporting.dim_reporting_periods
),

reporting_dates as (
    select * from reporting.dim_reporting_dates
),

-- Each period with the month ends of its months (as in int_council_period_activity).
period_months as (
    select
        reporting_periods.period_type,
        reporting_periods.period_end,
        reporting_dates.month_end
    from reporting_periods
    inner join reporting_dates
        on reporting_dates.month_end between reporting_periods.period_start and reporting_periods.period_end
),

-- The referrals of current councils matched after an acceptance, placed by the month end of the
-- day they were matched.
matched_referrals as (
    select
        councils.region_code,
        referrals.service,
        referrals.days_to_match,
        (date_trunc('month', referrals.matched_on::timestamp) + interval '1 month' - interval '1 day')::date as matched_month_end
    from referrals
    inner join councils
        on councils.council_code = referrals.council_code
        and councils.is_current
    where referrals.days_to_match is not null
),

-- Pooled medians: the lower median (percentile_disc), as for each council.
region_medians as (
    select
        matched_referrals.region_code as area_code,
        matched_referrals.service,
        period_months.period_type,
        period_months.period_end,
        percentile_disc(0.5) within group (order by matched_referrals.days_to_match) as median_days_to_match
    from matched_referrals
    inner join period_months
        on period_months.month_end = matched_referrals.matched_month_end
    group by 1, 2, 3, 4
),

england_medians as (
    select
        'E92000001'::text as area_code,
        matched_referrals.service,
        period_months.period_type,
        period_months.period_end,
        percentile_disc(0.5) within group (order by matched_referrals.days_to_match) as median_days_to_match
    from matched_referrals
    inner join period_months
        on period_months.month_end = matched_referrals.matched_month_end
    group by 2, 3, 4
),

-- Materialized: the planner expects one row of each median side and joins them by nested loop,
-- which recomputed the medians for each of the 1,480 area rows (18 s of a 20 s build at scale 1).
area_medians as materialized (
    select * from region_medians
    union all
    select * from england_medians
),

-- A breakdown's cells summed over councils, every key kept (each council row holds every key).
council_sources as (
    select
        council_period_activity.region_code,
        council_period_activity.service,
        council_period_activity.period_type,
        council_period_activity.period_end,
        sources.key as source,
        sources.value::integer as referrals
    from council_period_activity
    cross join lateral jsonb_each_text(council_period_activity.referrals_by_source) as sources
),

council_reasons as (
    select
        council_period_activity.region_code,
        council_period_activity.service,
        council_period_activity.period_type,
        council_period_activity.period_end,
        reasons.key as end_reason,
        reasons.value::integer as endings
    from council_period_activity
    cross join lateral jsonb_each_text(council_period_activity.matches_ended_by_reason) as reasons
),

-- grouping sets: one pass gives each region (region_code set) and England (region_code null)
source_sums as (
    select
        coalesce(region_code, 'E92000001') as area_code,
        service,
        period_type,
        period_end,
        jsonb_object_agg(source, referrals) as referrals_by_source
    from (
        select region_code, service, period_type, period_end, source, sum(referrals)::integer as referrals
        from council_sources
        group by grouping sets ((region_code, service, period_type, period_end, source), (service, period_type, period_end, source))
    ) as summed
    group by 1, 2, 3, 4
),

reason_sums as (
    select
        coalesce(region_code, 'E92000001') as area_code,
        service,
        period_type,
        period_end,
        jsonb_object_agg(end_reason, endings) as matches_ended_by_reason
    from (
        select region_code, service, period_type, period_end, end_reason, sum(endings)::integer as endings
        from council_reasons
        group by grouping sets ((region_code, service, period_type, period_end, end_reason), (service, period_type, period_end, end_reason))
    ) as summed
    group by 1, 2, 3, 4
),

area_sums as (
    select
        coalesce(region_code, 'E92000001') as area_code,
        region_code,
        service,
        period_type,
        min(period_start) as period_start,
        period_end,
        sum(referrals_received)::integer as referrals_received,
        sum(referrals_matched)::integer as referrals_matched,
        sum(matches_started)::integer as matches_started,
        sum(matches_ended)::integer as matches_ended,
        sum(sustained_judged)::integer as sustained_judged,
        sum(sustained_count)::integer as sustained_count,
        sum(volunteers_approved)::integer as volunteers_approved
    from council_period_activity
    group by grouping sets ((region_code, service, period_type, period_end), (service, period_type, period_end))
),

area_rows as (
    select
        case when area_sums.region_code is null then 'england' else 'region' end as geographic_level,
        area_sums.area_code,
        area_sums.region_code,
        area_sums.service,
        area_sums.period_type,
        area_sums.period_start,
        area_sums.period_end,
        area_sums.referrals_received,
        source_sums.referrals_by_source,
        area_medians.median_days_to_match,
        area_sums.referrals_matched,
        area_sums.matches_started,
        area_sums.matches_ended,
        reason_sums.matches_ended_by_reason,
        case
            when area_sums.sustained_judged > 0
                then round(100.0 * area_sums.sustained_count / area_sums.sustained_judged, 1)
        end as sustained_rate,
        area_sums.sustained_judged,
        area_sums.sustained_count,
        area_sums.volunteers_approved
    from area_sums
    -- equality on area_code (England's code for the England rows), so these are hash joins
    inner join source_sums
        on source_sums.area_code = area_sums.area_code
        and source_sums.service = area_sums.service
        and source_sums.period_type = area_sums.period_type
        and source_sums.period_end = area_sums.period_end
    inner join reason_sums
        on reason_sums.area_code = area_sums.area_code
        and reason_sums.service = area_sums.service
        and reason_sums.period_type = area_sums.period_type
        and reason_sums.period_end = area_sums.period_end
    left join area_medians
        on area_medians.area_code = area_sums.area_code
        and area_medians.service = area_sums.service
        and area_medians.period_type = area_sums.period_type
        and area_medians.period_end = area_sums.period_end
),

council_rows as (
    select
        'council'::text as geographic_level,
        council_code as area_code,
        region_code,
        service,
        period_type,
        period_start,
        period_end,
        referrals_received,
        referrals_by_source,
        median_days_to_match,
        referrals_matched,
        matches_started,
        matches_ended,
        matches_ended_by_reason,
        sustained_rate,
        sustained_judged,
        sustained_count,
        volunteers_approved
    from council_period_activity
),

final as (
    select * from council_rows
    union all
    select * from area_rows
)

select * from final
