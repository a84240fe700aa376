-- Every council in a council rollup is a current council (references resolve).
with council_months as (
    select * from reporting.rollup_council_month
),

council_years as (
    select * from reporting.rollup_council_year
),

councils as (
    select * from reporting.stg_councils
),

rollup_councils as (
    select 'rollup_council_month' as model, council_code from council_months
    union
    select 'rollup_council_year' as model, council_code from council_years
),

final as (
    select rollup_councils.*
    from rollup_councils
    left join councils
        on councils.council_code = rollup_councils.council_code
        and councils.is_current
    where councils.council_code is null
)

select * from final
