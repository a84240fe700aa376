-- The coverage denominator is one official figure per council and year; two would double rows.
with official_children_looked_after as (
    select * from reporting.stg_official_children_looked_after
),

final as (
    select council_code, year, count(*) as figures
    from official_children_looked_after
    group by 1, 2
    having count(*) > 1
)

select * from final
