-- grain: one row per referral and month end on which it is waiting
-- materialized: table
-- key: referral_id, month_end
--
-- Waiting on d: accepted on or before d, and neither matched nor closed on or before d. A
-- referral matched or closed on d itself no longer waits on d. Kept at referral level so that
-- council, region and England medians and percentiles are all computed over the pooled waits.
-- No index besides the key: the rollups read every row, and sorting them (rollup_council_month)
-- costs no more than reading them through an index on council_code, service, month_end, which
-- took about 2 s of a refresh to build at demo scale 10 (a million rows).

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
        on reporting_dates.month_end >= referrals.accepted_on
        -- neither matched nor closed on or before the month end: it is before the earlier of the
        -- two dates (least ignores a null; with both null, any month end). Written as one range
        -- on month_end, the index of dim_reporting_dates finds the months instead of a filter
        -- trying every month end for every referral.
        and reporting_dates.month_end < coalesce(least(referrals.matched_on, referrals.closed_on), 'infinity')
)

select * from final
