-- grain: one row per volunteer
-- materialized: view
--
-- status and max_matches are today's; a past date reads them from stg_volunteer_history.

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
