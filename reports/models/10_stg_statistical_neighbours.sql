-- grain: one row per council and neighbour rank (1 = closest of its ten statistical neighbours)
-- materialized: view

with source as (
    select * from public.statistical_neighbours
),

final as (
    select
        council_code,
        rank::integer as neighbour_rank,
        neighbour_code as neighbour_council_code,
        closeness,
        model as neighbour_model
    from source
)

select * from final
