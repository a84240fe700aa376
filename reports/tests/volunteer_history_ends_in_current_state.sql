-- Each volunteer's history ends in the status and capacity their record has today (the span still
-- in force), and its spans follow one another without gaps or overlaps.
with volunteers as (
    select * from reporting.stg_volunteers
),

volunteer_history as (
    select * from reporting.stg_volunteer_history
),

current_state_differs as (
    select volunteers.volunteer_id
    from volunteers
    left join volunteer_history
        on volunteer_history.volunteer_id = volunteers.volunteer_id
        and volunteer_history.valid_until is null
    where volunteer_history.status is distinct from volunteers.status
        or volunteer_history.max_matches is distinct from volunteers.max_matches
),

spans_out_of_order as (
    select volunteer_id
    from (
        select
            volunteer_id,
            valid_from,
            valid_until,
            lead(valid_from) over (partition by volunteer_id order by valid_from) as next_from
        from volunteer_history
    ) ordered
    where valid_until is distinct from next_from
        or valid_until <= valid_from
)

select volunteer_id from current_state_differs
union all
select volunteer_id from spans_out_of_order
