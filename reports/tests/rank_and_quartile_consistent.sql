-- A council is ranked exactly when it has a coverage rate; its rank is within the number ranked,
-- and its quartile is 1 to 4.
with council_months as (
    select * from reporting.rollup_council_month
),

final as (
    select council_code, service, month_end, coverage_rate, rank, ranked_councils, quartile
    from council_months
    where (rank is null) is distinct from (coverage_rate is null)
        or (quartile is null) is distinct from (rank is null)
        or rank not between 1 and ranked_councils
        or quartile not between 1 and 4
)

select * from final
