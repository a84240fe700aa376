-- Where the official figure is available, no more children are matched than are looked after.
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
    select 'council' as level, council_code as area_code, service, month_end, children_matched, children_looked_after
    from council_months
    where children_looked_after_status = 'OK'
        and children_matched > children_looked_after
    union all
    select 'region', region_code, service, month_end, children_matched_with_figure, children_looked_after
    from region_months
    where children_matched_with_figure > children_looked_after
    union all
    select 'england', area_code, service, month_end, children_matched_with_figure, children_looked_after
    from england_months
    where children_matched_with_figure > children_looked_after
)

select * from final
