-- The insights stay within their definitions: a share of the referrals is between 0 and 100 and
-- counts no more referrals than were received; rates per 100, coverage changes and the months to
-- clear a list are consistent with the counts they come from.
with council_months as (
    select * from reporting.rollup_council_month
),

region_months as (
    select * from reporting.rollup_region_month
),

england_months as (
    select * from reporting.rollup_england_month
),

all_months as (
    select 'council' as level, council_code as area_code, service, month_end,
           referrals_12_months, social_worker_referrals_12_months, social_worker_referral_share,
           referrals_per_100_looked_after, coverage_change_12_months, months_to_clear_waiting_list, waiting
    from council_months
    union all
    select 'region', region_code, service, month_end,
           referrals_12_months, social_worker_referrals_12_months, social_worker_referral_share,
           referrals_per_100_looked_after, coverage_change_12_months, months_to_clear_waiting_list, waiting
    from region_months
    union all
    select 'england', area_code, service, month_end,
           referrals_12_months, social_worker_referrals_12_months, social_worker_referral_share,
           referrals_per_100_looked_after, coverage_change_12_months, months_to_clear_waiting_list, waiting
    from england_months
),

final as (
    select *
    from all_months
    where social_worker_referral_share not between 0 and 100
        or social_worker_referrals_12_months not between 0 and referrals_12_months
        or referrals_per_100_looked_after < 0
        or coverage_change_12_months not between -100 and 100
        or months_to_clear_waiting_list < 0
        or (waiting = 0 and months_to_clear_waiting_list is distinct from 0)
        -- a share exactly when some referral was received in a full 12 months
        or (social_worker_referral_share is not null) <> (referrals_12_months > 0)
)

select * from final
