-- Counts are never negative (and never null: a count of nothing is 0).
with council_months as (
    select * from reporting.rollup_council_month
),

region_months as (
    select * from reporting.rollup_region_month
),

england_months as (
    select * from reporting.rollup_england_month
),

counts as (
    select 'council' as level, council_code as area_code, service, month_end, children_matched, waiting, referrals_received, matches_started, matches_ended
    from council_months
    union all
    select 'region', region_code, service, month_end, children_matched, waiting, referrals_received, matches_started, matches_ended
    from region_months
    union all
    select 'england', area_code, service, month_end, children_matched, waiting, referrals_received, matches_started, matches_ended
    from england_months
),

final as (
    select *
    from counts
    -- "is not true" also catches a null
    where (
        children_matched >= 0
        and waiting >= 0
        and referrals_received >= 0
        and matches_started >= 0
        and matches_ended >= 0
    ) is not true
)

select * from final
