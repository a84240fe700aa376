-- grain: one row per referral
-- materialized: view
--
-- matched_on is renamed recorded_matched_on: reporting derives the matched date from the matches
-- themselves (see fct_referrals) rather than trusting the copy kept on the referral.

with source as (
    select * from public.referrals
),

final as (
    select
        referral_id,
        child_id,
        council_code,
        placement_council_code,
        service,
        source,
        status,
        referred_on,
        accepted_on,
        matched_on as recorded_matched_on,
        closed_on,
        close_reason,
        self_referral_id is not null as is_self_referral,
        created_at
    from source
)

select * from final
