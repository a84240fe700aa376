-- grain: one row per council and official reporting year (the count at 31 March of that year)
-- materialized: view
--
-- The Department for Education's count of children looked after at 31 March, the coverage
-- denominator. children_looked_after is null exactly when the file gives a symbol instead:
-- c or low (suppressed), z (not applicable), x or u (not available).

with source as (
    select * from public.official_statistics
),

final as (
    select
        council_code,
        time_period as year,
        make_date(time_period, 3, 31) as counted_on,
        children_count as children_looked_after,
        children_count_symbol as children_looked_after_symbol,
        release
    from source
    where geographic_level = 'Local authority'
        and measure = 'Children looked after on 31 March each year'
)

select * from final
