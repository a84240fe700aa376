-- grain: one row per match, proposed, active, ended or cancelled
-- materialized: view

with source as (
    select * from public.matches
),

final as (
    select
        match_id,
        referral_id,
        volunteer_id,
        status,
        proposed_on,
        started_on,
        ended_on,
        end_reason,
        cancelled_on,
        created_at
    from source
)

select * from final
