-- Every region code of a current council carries one region name.
with councils as (
    select * from reporting.stg_councils
),

final as (
    select region_code, array_agg(distinct region_name) as region_names
    from councils
    where is_current
    group by region_code
    having count(distinct region_name) > 1
)

select * from final
