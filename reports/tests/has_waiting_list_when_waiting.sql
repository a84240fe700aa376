-- has_waiting_list is exactly waiting > 0, and wait statistics exist exactly when someone waits.
with council_months as (
    select * from reporting.rollup_council_month
),

region_months as (
    select * from reporting.rollup_region_month
),

england_months as (
    select * from reporting.rollup_england_month
),

waiting_lists as (
    select 'council' as level, council_code as area_code, service, month_end, waiting, has_waiting_list, median_wait_days, p90_wait_days
    from council_months
    union all
    select 'region', region_code, service, month_end, waiting, has_waiting_list, median_wait_days, p90_wait_days
    from region_months
    union all
    select 'england', area_code, service, month_end, waiting, has_waiting_list, median_wait_days, p90_wait_days
    from england_months
),

final as (
    select *
    from waiting_lists
    where has_waiting_list is distinct from (waiting > 0)
        or (median_wait_days is null) is distinct from (waiting = 0)
        or (p90_wait_days is null) is distinct from (waiting = 0)
)

select * from final
