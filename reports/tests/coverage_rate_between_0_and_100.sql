-- A coverage rate is a percentage of the children looked after: between 0 and 100.
with council_months as (
    select * from reporting.rollup_council_month
),

region_months as (
    select * from reporting.rollup_region_month
),

england_months as (
    select * from reporting.rollup_england_month
),

final as (
    select 'council' as level, council_code as area_code, service, month_end, coverage_rate
    from council_months
    where coverage_rate not between 0 and 100
    union all
    select 'region', region_code, service, month_end, coverage_rate
    from region_months
    where coverage_rate not between 0 and 100
    union all
    select 'england', area_code, service, month_end, coverage_rate
    from england_months
    where coverage_rate not between 0 and 100
)

select * from final
