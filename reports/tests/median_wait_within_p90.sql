-- The median wait is never longer than the 90th percentile wait, and no wait is negative.
with council_months as (
    select * from reporting.rollup_council_month
),

region_months as (
    select * from reporting.rollup_region_month
),

england_months as (
    select * from reporting.rollup_england_month
),

waits as (
    select 'council' as level, council_code as area_code, service, month_end, median_wait_days, p90_wait_days
    from council_months
    union all
    select 'region', region_code, service, month_end, median_wait_days, p90_wait_days
    from region_months
    union all
    select 'england', area_code, service, month_end, median_wait_days, p90_wait_days
    from england_months
),

final as (
    select *
    from waits
    where median_wait_days > p90_wait_days
        or median_wait_days < 0
)

select * from final
