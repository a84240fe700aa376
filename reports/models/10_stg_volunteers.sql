-- grain: one row per volunteer
-- materialized: view
--
-- Only the current status is kept (there is no status history table), so "approved at a past
-- date" can only be approximated from status and approved_on; see int_council_period_activity.

with source as (
    select * from public.volunteers
),

final as (
    select
        volunteer_id,
        provider_id,
        home_council_code,
        status,
        applied_on,
        approved_on,
        dbs_issued_on,
        dbs_update_service as has_dbs_update_service,
        training_completed_on,
        max_matches::integer as max_matches,
        created_at
    from source
)

select * from final
