-- grain: one row per council of England, current or abolished
-- materialized: view
--
-- Renames only. region_code is already the London region (E12000007) for London boroughs: the
-- importer maps the official file's Inner and Outer London to it.

with source as (
    select * from public.councils
),

final as (
    select
        code as council_code,
        old_code as council_old_code,
        name as council_name,
        region_code,
        region_name,
        is_current
    from source
)

select * from final
