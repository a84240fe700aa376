-- grain: one row per volunteer and span of days in which their status and capacity were in force
-- materialized: table
-- key: volunteer_id, valid_from
--
-- A volunteer's status and max_matches as they were on each day, from public.volunteer_history
-- (written with each change, see migrations/1763900700000-VolunteerHistory.ts). The state on a
-- day d is the row recorded last (highest volunteer_history_id) among the rows effective on or
-- before d, so a change recorded later with an earlier date (an approval entered today with last
-- month's approvedOn) wins from its date on. A span runs from valid_from (included) to
-- valid_until (excluded; null for the state in force today). Volunteers without history rows
-- (none are written so) have no span and count in no past figure.

with history as (
    select * from public.volunteer_history
),

-- the row in force from each effective day on: the highest id among the rows effective that day
-- or earlier
in_force as (
    select
        volunteer_id,
        effective_on,
        max(volunteer_history_id) over (
            partition by volunteer_id
            order by effective_on, volunteer_history_id
            rows between unbounded preceding and current row
        ) as in_force_id,
        row_number() over (partition by volunteer_id, effective_on order by volunteer_history_id desc) as last_of_day
    from history
),

spans as (
    select
        in_force.volunteer_id,
        in_force.effective_on as valid_from,
        lead(in_force.effective_on) over (partition by in_force.volunteer_id order by in_force.effective_on) as valid_until,
        in_force.in_force_id
    from in_force
    where in_force.last_of_day = 1
),

final as (
    select
        spans.volunteer_id,
        spans.valid_from,
        spans.valid_until,
        history.status,
        history.max_matches::integer as max_matches
    from spans
    inner join history
        on history.volunteer_history_id = spans.in_force_id
)

select * from final
