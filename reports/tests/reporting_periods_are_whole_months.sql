-- int_council_period_activity places an event in its periods by the month end of its date, which
-- is right only while every reporting period is made of whole reporting months: a month period
-- of its own month, a year period of the twelve from April to March.
with reporting_periods as (
    select * from reporting.dim_reporting_periods
),

reporting_dates as (
    select * from reporting.dim_reporting_dates
),

period_months as (
    select
        reporting_periods.period_type,
        reporting_periods.period_start,
        reporting_periods.period_end,
        count(reporting_dates.month_end) as months,
        min(reporting_dates.month_start) as first_month_start,
        max(reporting_dates.month_end) as last_month_end
    from reporting_periods
    left join reporting_dates
        on reporting_dates.month_end between reporting_periods.period_start and reporting_periods.period_end
    group by 1, 2, 3
),

final as (
    select *
    from period_months
    where months is distinct from (case period_type when 'month' then 1 when 'year' then 12 end)
        or first_month_start is distinct from period_start
        or last_month_end is distinct from period_end
)

select * from final
