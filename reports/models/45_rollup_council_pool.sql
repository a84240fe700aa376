-- grain: one row per current council, service and month end
-- materialized: table
-- key: council_code, service, month_end
-- index: service, month_end
--
-- The volunteer pool beside the waiting list. volunteers_available: volunteers living in the
-- council who could take a child on the month end: APPROVED (approximated as for
-- volunteers_approved in int_council_period_activity: APPROVED now and approved on or before the
-- month end), DBS check valid on the day, and fewer open matches than max_matches, where a match
-- is open on d when proposed on or before d and neither cancelled nor ended on or before d. A
-- volunteer counts for the services their provider is commissioned for (by any council) on the
-- day. children_waiting is rollup_council_month.waiting. volunteers_per_waiting_child is
-- volunteers_available / children_waiting (2 dp), null when no child waits.
-- Approximation: max_matches is the volunteer's current capacity (there is no history of it).

with volunteers as (
    select * from reporting.stg_volunteers
),

commissions as (
    select * from reporting.stg_commissions
),

matches as (
    select * from reporting.stg_matches
),

reporting_dates as (
    select * from reporting.dim_reporting_dates
),

council_months as (
    select * from reporting.rollup_council_month
),

volunteer_services as (
    select distinct
        volunteers.volunteer_id,
        volunteers.home_council_code,
        volunteers.max_matches,
        commissions.service,
        reporting_dates.month_end
    from volunteers
    inner join reporting_dates
        on volunteers.approved_on <= reporting_dates.month_end
        and volunteers.dbs_issued_on <= reporting_dates.month_end
        and (
            volunteers.has_dbs_update_service
            or reporting_dates.month_end < volunteers.dbs_issued_on + interval '3 years'
        )
    inner join commissions
        on commissions.provider_id = volunteers.provider_id
        and commissions.starts_on <= reporting_dates.month_end
        and (commissions.ends_on is null or commissions.ends_on >= reporting_dates.month_end)
    where volunteers.status = 'APPROVED'
),

open_matches as (
    select
        matches.volunteer_id,
        reporting_dates.month_end,
        count(*)::integer as open_matches
    from matches
    inner join reporting_dates
        on matches.proposed_on <= reporting_dates.month_end
        and (matches.cancelled_on is null or matches.cancelled_on > reporting_dates.month_end)
        and (matches.ended_on is null or matches.ended_on > reporting_dates.month_end)
    group by 1, 2
),

available_volunteers as (
    select
        volunteer_services.home_council_code as council_code,
        volunteer_services.service,
        volunteer_services.month_end,
        count(*)::integer as volunteers_available
    from volunteer_services
    left join open_matches
        on open_matches.volunteer_id = volunteer_services.volunteer_id
        and open_matches.month_end = volunteer_services.month_end
    where coalesce(open_matches.open_matches, 0) < volunteer_services.max_matches
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
