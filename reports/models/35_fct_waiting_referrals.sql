-- grain: one row per referral and month end on which it is waiting
-- materialized: table
-- key: referral_id, month_end
-- index: council_code, service, month_end
--
-- Waiting on d: accepted on or before d, and neither matched nor closed on or before d. A
-- referral matched or closed on d itself no longer waits on d. Kept at referral level so that
-- council, region and England medians and percentiles are all computed over the pooled waits.

with referrals as (
    select * from reporting.fct_referrals
),

reporting_dates as (
    select * from reporting.dim_reporting_dates
),

final as (
    select
        referrals.referral_id,
        referrals.council_code,
        referrals.region_code,
        referrals.service,
        reporting_dates.month_end,
        referrals.accepted_on,
        reporting_dates.month_end - referrals.accepted_on as wait_days
    from referrals
    inner join reporting_dates
        on referrals.accepted_on <= reporting_dates.month_end
        and (referrals.matched_on is null or referrals.matched_on > reporting_dates.month_end)
        and (referrals.closed_on is null or referrals.closed_on > reporting_dates.month_end)
)

select * from final
