-- grain: one row per reporting period: each calendar month to a month end, and each year to 31 March from 2022
-- materialized: table
-- key: period_type, period_end
--
-- The periods of reports/METRICS.md's period metrics. A month period runs from the 1st to the month end;
-- a year period from 1 April to 31 March. The first full reporting year held is the one ending
-- 31 March 2022 (reporting dates start on 31 March 2021).

with reporting_dates as (
    select * from reporting.dim_reporting_dates
),

month_periods as (
    select
        'month'::text as period_type,
        month_start as period_start,
        month_end as period_end
    from reporting_dates
),

year_periods as (
    select
        'year'::text as period_type,
        make_date(extract(year from month_end)::integer - 1, 4, 1) as period_start,
        month_end as period_end
    from reporting_dates
    where is_year_end
        and month_end >= date '2022-03-31'
),

final as (
    select * from month_periods
    union all
    select * from year_periods
)

select * from final
