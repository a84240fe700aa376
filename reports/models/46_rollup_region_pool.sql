-- grain: one row per region, service and month end
-- materialized: table
-- key: region_code, service, month_end
-- index: service, month_end
--
-- The volunteer pool of each region: sums of its current councils' rollup_council_pool counts
-- (a volunteer counts once, in the council they live in), with the ratio recomputed from the
-- sums, never a mean of council ratios. London boroughs are in London (E12000007).

with council_pools as (
    select * from reporting.rollup_council_pool
),

region_sums as (
    select
        region_code,
        service,
        month_end,
        sum(volunteers_available)::integer as volunteers_available,
        sum(children_waiting)::integer as children_waiting
    from council_pools
    group by 1, 2, 3
),

final as (
    select
        region_code,
        service,
        month_end,
        volunteers_available,
        children_waiting,
        case
            when children_waiting > 0
                then round(volunteers_available::numeric / children_waiting, 2)
        end as volunteers_per_waiting_child
    from region_sums
)

select * from final
