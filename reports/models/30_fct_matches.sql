-- grain: one row per match that started (started_on is not null)
-- materialized: table
-- key: match_id
-- index: council_code, service
--
-- A match is active on d when started_on <= d and (ended_on is null or ended_on > d). Proposed
-- and cancelled matches never started and are left out. The council and service are the
-- referral's: a match serves the council responsible for the child.

with matches as (
    select * from reporting.stg_matches
),

referrals as (
    select * from reporting.stg_referrals
),

councils as (
    select * from reporting.stg_councils
),

started_matches as (
    select *
    from matches
    where started_on is not null
),

final as (
    select
        started_matches.match_id,
        started_matches.referral_id,
        referrals.child_id,
        referrals.council_code,
        councils.region_code,
        referrals.service,
        started_matches.volunteer_id,
        started_matches.started_on,
        started_matches.ended_on,
        started_matches.end_reason,
        -- sustainedRate judges a match 365 days after it started ...
        started_matches.started_on + 365 as sustained_judged_on,
        -- ... where it is sustained if still active on that day (an ending on that very day is not)
        (started_matches.ended_on is null or started_matches.ended_on > started_matches.started_on + 365) as is_sustained
    from started_matches
    inner join referrals
        on referrals.referral_id = started_matches.referral_id
    inner join councils
        on councils.council_code = referrals.council_code
)

select * from final
