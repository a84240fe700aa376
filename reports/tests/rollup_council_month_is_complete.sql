-- Every current council has a row for every service and reporting date, so a missing row is
-- never mistaken for a zero.
with council_months as (
    select * from reporting.rollup_council_month
),

councils as (
    select * from reporting.stg_councils
),

reporting_dates as (
    select * from reporting.dim_reporting_dates
),

expected as (
    select councils.council_code, services.service, reporting_dates.month_end
    from councils
    cross join (values ('INDEPENDENT_VISITOR'), ('MENTORING')) as services (service)
    cross join reporting_dates
    where councils.is_current
),

final as (
    select expected.*
    from expected
    left join council_months
        on council_months.council_code = expected.council_code
        and council_months.service = expected.service
        and council_months.month_end = expected.month_end
    where council_months.council_code is null
)

select * from final
