-- Each region's volunteer pool is the sum of its councils', and the children waiting in the pool
-- are the children waiting in rollup_council_month.
with council_pools as (
    select * from reporting.rollup_council_pool
),

region_pools as (
    select * from reporting.rollup_region_pool
),

council_months as (
    select * from reporting.rollup_council_month
),

council_sums as (
    select
        region_code,
        service,
        month_end,
        sum(volunteers_available) as volunteers_available,
        sum(children_waiting) as children_waiting
    from council_pools
    group by 1, 2, 3
),

region_mismatches as (
    select
        coalesce(council_sums.region_code, region_pools.region_code) as area_code,
        coalesce(council_sums.service, region_pools.service) as service,
        coalesce(council_sums.month_end, region_pools.month_end) as month_end
    from council_sums
    full join region_pools
        on region_pools.region_code = council_sums.region_code
        and region_pools.service = council_sums.service
        and region_pools.month_end = council_sums.month_end
    where council_sums.region_code is null
        or region_pools.region_code is null
        or council_sums.volunteers_available is distinct from region_pools.volunteers_available::bigint
        or council_sums.children_waiting is distinct from region_pools.children_waiting::bigint
),

waiting_mismatches as (
    select
        council_months.council_code as area_code,
        council_months.service,
        council_months.month_end
    from council_months
    left join council_pools
        on council_pools.council_code = council_months.council_code
        and council_pools.service = council_months.service
        and council_pools.month_end = council_months.month_end
    where council_pools.children_waiting is distinct from council_months.waiting
),

final as (
    select * from region_mismatches
    union all
    select * from waiting_mismatches
)

select * from final
