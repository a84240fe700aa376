-- grain: one row per current council, service and reporting year ending 31 March (from 2022)
-- materialized: table
-- key: council_code, service, year_ending
-- index: service, year_ending
--
-- The period metrics of reports/METRICS.md over the year from 1 April to 31 March (year_ending). The
-- breakdowns are jsonb objects holding every referral source and every match end reason.

with council_period_activity as (
    select * from reporting.int_council_period_activity
),

yearly_activity as (
    select *
    from council_period_activity
    where period_type = 'year'
),

final as (
    select
        council_code,
        region_code,
        service,
        period_end as year_ending,
        referrals_received,
        referrals_by_source,
        median_days_to_match,
        matches_started,
        matches_ended,
        matches_ended_by_reason,
        sustained_rate,
        volunteers_approved
    from yearly_activity
)

select * from final
