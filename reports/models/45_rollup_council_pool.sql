-- grain: one row per current council, service and month end
-- materialized: table
-- key: council_code, service, month_end
-- index: service, month_end
--
-- The volunteer pool beside the waiting list. volunteers_available: volunteers living in the
-- council who could take a child on the month end: APPROVED on the month end, DBS check valid on
-- the day, and fewer open matches than their max_matches on the month end (status and capacity as
-- they were then, from stg_volunteer_history), where a match is open on d when proposed on or
-- before d and neither cancelled nor ended on or before d. A
-- volunteer counts for the services their provider is commissioned for (by any council) on the
-- day. children_waiting is rollup_council_month.waiting. volunteers_per_waiting_child is
-- volunteers_available / children_waiting (2 dp), null when no child waits.
-- The DBS dates are today's (a renewal replaces them; no history is kept of them).
--
-- Counting open matches for every volunteer on every month end means millions of rows at demo
-- scale 10, so a volunteer's open matches are followed as a count that changes only in the
-- months a match opens or closes (open_match_spans below), and only the months in which that
-- count is under max_matches are spelled out.

with volunteers as (
    select * from reporting.stg_volunteers
),

provider_services as (
    select * from reporting.int_provider_services
),

matches as (
    select * from reporting.stg_matches
),

-- not materialized: the range join below then reads the table through its month_end index
reporting_dates as not materialized (
    select * from reporting.dim_reporting_dates
),

council_months as (
    select * from reporting.rollup_council_month
),

volunteer_history as (
    select * from reporting.stg_volunteer_history
),

-- the spans of days in which a volunteer was APPROVED, with their capacity then
approved_spans as (
    select
        volunteers.volunteer_id,
        volunteers.home_council_code,
        volunteers.provider_id,
        volunteers.dbs_issued_on,
        volunteers.has_dbs_update_service,
        volunteer_history.valid_from,
        volunteer_history.valid_until,
        volunteer_history.max_matches
    from volunteers
    inner join volunteer_history
        on volunteer_history.volunteer_id = volunteers.volunteer_id
    where volunteer_history.status = 'APPROVED'
),

-- volunteers APPROVED at some time: only their matches matter
approved_volunteers as (
    select distinct volunteer_id
    from approved_spans
),

-- A match is open on a month end m when proposed_on <= m and (it closes on null or a day > m),
-- where it closes on the earlier of cancelled_on and ended_on (least ignores a null). On month
-- ends that is: from the month end of proposed_on, up to but not including the month end of the
-- closing day. A match that closes within its first month is never open on a month end.
match_open_months as (
    select
        matches.volunteer_id,
        (date_trunc('month', matches.proposed_on::timestamp) + interval '1 month' - interval '1 day')::date as opens_month_end,
        (date_trunc('month', least(matches.cancelled_on, matches.ended_on)::timestamp) + interval '1 month' - interval '1 day')::date as closes_month_end
    from matches
    inner join approved_volunteers
        on approved_volunteers.volunteer_id = matches.volunteer_id
),

-- +1 in the month a match opens, -1 in the month it closes; every approved volunteer also starts
-- at 0 open matches from the beginning of time ('-infinity'), so the months before their first
-- match are covered too
open_match_changes as (
    select
        volunteer_id,
        opens_month_end as month_end,
        1 as change
    from match_open_months
    where closes_month_end is null or closes_month_end > opens_month_end
    union all
    select
        volunteer_id,
        closes_month_end as month_end,
        -1 as change
    from match_open_months
    where closes_month_end > opens_month_end
    union all
    select
        volunteer_id,
        '-infinity'::date as month_end,
        0 as change
    from approved_volunteers
),

open_match_changes_by_month as (
    select
        volunteer_id,
        month_end,
        sum(change) as change
    from open_match_changes
    group by 1, 2
),

-- each volunteer's open matches from one change to the next (spans_until is null for the last)
open_match_spans as (
    select
        volunteer_id,
        month_end as spans_from,
        lead(month_end) over by_month as spans_until,
        sum(change) over by_month as open_matches
    from open_match_changes_by_month
    window by_month as (partition by volunteer_id order by month_end)
),

-- the month ends on which each volunteer could take a child, per home council and provider: in a
-- span of open matches and in a span of approval (the spans of each kind do not overlap, so a
-- month end meets at most one of each)
available_volunteer_months as (
    select
        approved_spans.home_council_code as council_code,
        approved_spans.provider_id,
        reporting_dates.month_end,
        count(*) as volunteers
    from open_match_spans
    inner join approved_spans
        on approved_spans.volunteer_id = open_match_spans.volunteer_id
        and open_match_spans.open_matches < approved_spans.max_matches
        and (approved_spans.valid_until is null or approved_spans.valid_until > open_match_spans.spans_from)
        and (open_match_spans.spans_until is null or open_match_spans.spans_until > approved_spans.valid_from)
    inner join reporting_dates
        on reporting_dates.month_end >= open_match_spans.spans_from
        and (open_match_spans.spans_until is null or reporting_dates.month_end < open_match_spans.spans_until)
        and reporting_dates.month_end >= approved_spans.valid_from
        and (approved_spans.valid_until is null or reporting_dates.month_end < approved_spans.valid_until)
        and approved_spans.dbs_issued_on <= reporting_dates.month_end
        and (
            approved_spans.has_dbs_update_service
            or reporting_dates.month_end < approved_spans.dbs_issued_on + interval '3 years'
        )
    group by 1, 2, 3
),

available_volunteers as (
    select
        available_volunteer_months.council_code,
        provider_services.service,
        available_volunteer_months.month_end,
        sum(available_volunteer_months.volunteers)::integer as volunteers_available
    from available_volunteer_months
    inner join provider_services
        on provider_services.provider_id = available_volunteer_months.provider_id
        and provider_services.month_end = available_volunteer_months.month_end
    group by 1, 2, 3
),

final as (
    select
        council_months.council_code,
        council_months.region_code,
        council_months.service,
        council_months.month_end,
        coalesce(available_volunteers.volunteers_available, 0) as volunteers_available,
        council_months.waiting as children_waiting,
        case
            when council_months.waiting > 0
                then round(coalesce(available_volunteers.volunteers_available, 0)::numeric / council_months.waiting, 2)
        end as volunteers_per_waiting_child
    from council_months
    left join available_volunteers
        on available_volunteers.council_code = council_months.council_code
        and available_volunteers.service = council_months.service
        and available_volunteers.month_end = council_months.month_end
)

select * from final
