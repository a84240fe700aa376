-- grain: one row per commission of a provider by a council for a service
-- materialized: view
--
-- ends_on is the last day the commission is in force (inclusive), as the workflow reads it.

with source as (
    select * from public.commissions
),

final as (
    select
        commission_id,
        provider_id,
        council_code,
        service,
        starts_on,
        ends_on,
        created_at
    from source
)

select * from final
