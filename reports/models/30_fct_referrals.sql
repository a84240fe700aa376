-- grain: one row per referral
-- materialized: table
-- key: referral_id
-- index: council_code, service
--
-- The lifecycle dates of reports/METRICS.md. A referral is matched on the start date of its first match
-- that became ACTIVE, i.e. the earliest started_on over its matches. A proposed match that never
-- started does not match it, so the copy kept on the referral (recorded_matched_on) is not used.

with referrals as (
    select * from reporting.stg_referrals
),

matches as (
    select * from reporting.stg_matches
),

councils as (
    select * from reporting.stg_councils
),

first_started_matches as (
    select
        referral_id,
        min(started_on) as matched_on
    from matches
    where started_on is not null
    group by referral_id
),

final as (
    select
        referrals.referral_id,
        referrals.child_id,
        referrals.council_code,
        councils.region_code,
        referrals.service,
        referrals.source,
        referrals.status,
        referrals.referred_on,
        referrals.accepted_on,
        first_started_matches.matched_on,
        referrals.closed_on,
        referrals.close_reason,
        -- null unless the referral was both accepted and matched
        first_started_matches.matched_on - referrals.accepted_on as days_to_match
    from referrals
    inner join councils
        on councils.council_code = referrals.council_code
    left join first_started_matches
        on first_started_matches.referral_id = referrals.referral_id
)

select * from final
