-- grain: one row per month end from 31 March 2021 to the last month end on or before today
-- materialized: table
-- key: month_end
--
-- The reporting dates of reports/METRICS.md: every month end (31 March is one). "Today" is the calendar
-- date in Europe/London, whatever the database session's time zone.

with bounds as (
    select
        date '2021-03-01' as first_month_start,
        (current_timestamp at time zone 'Europe/London')::date as today
),

months as (
    select month_start::date as month_start
    from bounds
    cross join lateral generate_series(
        bounds.first_month_start::timestamp,
        bounds.today::timestamp,
        interval '1 month'
    ) as month_start
),

month_ends as (
    select
        month_start,
        (month_start + interval '1 month' - interval '1 day')::date as month_end
    from months
),

final as (
    select
        month_ends.month_end,
        month_ends.month_start,
        extract(month from month_ends.month_end) = 3 as is_year_end,
        -- the 31 March that closes the reporting year (1 April to 31 March) holding this month
        make_date(
            extract(year from month_ends.month_end)::integer
                + case when extract(month from month_ends.month_end) > 3 then 1 else 0 end,
            3,
            31
        ) as year_ending
    from month_ends
    cross join bounds
    where month_ends.month_end <= bounds.today
)

select * from final
