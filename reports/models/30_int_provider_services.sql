-- grain: one row per provider, service and reporting date on which the provider is commissioned for the service
-- materialized: table
-- key: provider_id, service, month_end
--
-- The services a provider's volunteers serve on a reporting date: a volunteer has no service of
-- their own, so they serve those their provider is commissioned for (by any council) on that
-- date. Several commissions can give a provider the same service; the rows are distinct, so a
-- volunteer counts once for it. Every period end of dim_reporting_periods is a reporting date.

with commissions as (
    select * from reporting.stg_commissions
),

reporting_dates as (
    select * from reporting.dim_reporting_dates
),

final as (
    select distinct
        commissions.provider_id,
        commissions.service,
        reporting_dates.month_end
    from commissions
    inner join reporting_dates
        on commissions.starts_on <= reporting_dates.month_end
        and (commissions.ends_on is null or commissions.ends_on >= reporting_dates.month_end)
)

select * from final
