-- grain: one row per current council, service and reporting period (each calendar month, and each year to 31 March)
-- materialized: table
-- key: council_code, service, period_type, period_end
--
-- The period metrics of METRICS.md, computed once here so that the month and year rollups
-- cannot disagree about a definition. A period runs from period_start to period_end, both
-- included.

with councils as (
    select * from reporting.stg_councils
),

volunteers as (
    select * from reporting.stg_volunteers
),

commissions as (
    select * from reporting.stg_commissions
),

reporting_periods as (
    select * from reporting.dim_reporting_periods
),

referrals as (
    select * from reporting.fct_referrals
),

matches as (
    select * from reporting.fct_matches
),

-- The services, referral sources and match end reasons that the check constraints on
-- public.commissions, public.referrals and public.matches allow. The breakdowns list every one
-- (0 when none), so a reader never has to tell "none" from "missing".
services as (
    select service
    from (values ('INDEPENDENT_VISITOR'), ('MENTORING')) as services (service)
),

referral_sources as (
    select source
    from (
        values
            ('SOCIAL_WORKER'),
            ('TEACHER'),
            ('FOSTER_CARER'),
            ('RESIDENTIAL_WORKER'),
            ('PERSONAL_ADVISER'),
            ('INDEPENDENT_REVIEWING_OFFICER'),
            ('SELF'),
            ('OTHER')
    ) as referral_sources (source)
),

end_reasons as (
    select end_reason
    from (
        values
            ('CHILD_LEFT_CARE'),
            ('CHILD_OBJECTED'),
            ('VOLUNTEER_RESIGNED'),
            ('COUNCIL_ENDED'),
            ('PLANNED_ENDING'),
            ('OTHER')
    ) as end_reasons (end_reason)
),

current_councils as (
    select
        council_code,
        region_code
    from councils
    where is_current
),

council_periods as (
    select
        current_councils.council_code,
        current_councils.region_code,
        services.service,
        reporting_periods.period_type,
        reporting_periods.period_start,
        reporting_periods.period_end
    from current_councils
    cross join services
    cross join reporting_periods
),

-- referralsReceived: referred_on in the period, by source
referrals_received_by_source as (
    select
        referrals.council_code,
        referrals.service,
        reporting_periods.period_type,
        reporting_periods.period_end,
        referrals.source,
        count(*)::integer as referrals_received
    from referrals
    inner join reporting_periods
        on referrals.referred_on between reporting_periods.period_start and reporting_periods.period_end
    group by 1, 2, 3, 4, 5
),

referrals_received as (
    select
        council_code,
        service,
        period_type,
        period_end,
        sum(referrals_received)::integer as referrals_received,
        jsonb_object_agg(source, referrals_received) as referrals_by_source
    from referrals_received_by_source
    group by 1, 2, 3, 4
),

-- medianDaysToMatch: over referrals matched (first match started) in the period; the lower
-- median, as for waits (percentile_disc(0.5) is the lower median when the count is even)
days_to_match as (
    select
        referrals.council_code,
        referrals.service,
        reporting_periods.period_type,
        reporting_periods.period_end,
        percentile_disc(0.5) within group (order by referrals.days_to_match) as median_days_to_match
    from referrals
    inner join reporting_periods
        on referrals.matched_on between reporting_periods.period_start and reporting_periods.period_end
    where referrals.days_to_match is not null
    group by 1, 2, 3, 4
),

-- matchesStarted: started_on in the period
matches_started as (
    select
        matches.council_code,
        matches.service,
        reporting_periods.period_type,
        reporting_periods.period_end,
        count(*)::integer as matches_started
    from matches
    inner join reporting_periods
        on matches.started_on between reporting_periods.period_start and reporting_periods.period_end
    group by 1, 2, 3, 4
),

-- matchesEnded: ended_on in the period, by end reason
matches_ended_by_reason as (
    select
        matches.council_code,
        matches.service,
        reporting_periods.period_type,
        reporting_periods.period_end,
        matches.end_reason,
        count(*)::integer as matches_ended
    from matches
    inner join reporting_periods
        on matches.ended_on between reporting_periods.period_start and reporting_periods.period_end
    group by 1, 2, 3, 4, 5
),

matches_ended as (
    select
        council_code,
        service,
        period_type,
        period_end,
        sum(matches_ended)::integer as matches_ended,
        jsonb_object_agg(end_reason, matches_ended) as matches_ended_by_reason
    from matches_ended_by_reason
    group by 1, 2, 3, 4
),

-- the breakdowns of a period with nothing in it: every source and reason at 0
empty_breakdowns as (
    select
        (select jsonb_object_agg(source, 0) from referral_sources) as referrals_by_source,
        (select jsonb_object_agg(end_reason, 0) from end_reasons) as matches_ended_by_reason
),

-- sustainedRate: of the matches that started at least 365 days before the period end (so were
-- judged on or before it), the percentage still active 365 days after they started. Every such
-- match counts, whenever it started: the rate is a running one, as METRICS.md words it.
sustained as (
    select
        matches.council_code,
        matches.service,
        reporting_periods.period_type,
        reporting_periods.period_end,
        round(100.0 * count(*) filter (where matches.is_sustained) / count(*), 1) as sustained_rate
    from matches
    inner join reporting_periods
        on matches.sustained_judged_on <= reporting_periods.period_end
    group by 1, 2, 3, 4
),

-- volunteersApproved: volunteers living in the council, APPROVED at the period end, with a DBS
-- check valid at the period end (issued by then, and under 3 years old or on the update
-- service, the rule of dbsValidOn in src/volunteers/volunteer.types.ts).
-- Approximation: volunteers keep no status history, so "APPROVED at the period end" is read as
-- "APPROVED now, approved on or before the period end". A volunteer who has since become
-- INACTIVE or WITHDRAWN drops out of past periods too.
-- Service: a volunteer has none of their own; they serve the services their provider is
-- commissioned for (by any council) on the period end.
volunteer_services as (
    select distinct
        volunteers.volunteer_id,
        volunteers.home_council_code,
        commissions.service,
        reporting_periods.period_type,
        reporting_periods.period_end
    from volunteers
    inner join reporting_periods
        on volunteers.approved_on <= reporting_periods.period_end
        and volunteers.dbs_issued_on <= reporting_periods.period_end
        and (
            volunteers.has_dbs_update_service
            or reporting_periods.period_end < volunteers.dbs_issued_on + interval '3 years'
        )
    inner join commissions
        on commissions.provider_id = volunteers.provider_id
        and commissions.starts_on <= reporting_periods.period_end
        and (commissions.ends_on is null or commissions.ends_on >= reporting_periods.period_end)
    where volunteers.status = 'APPROVED'
),

volunteers_approved as (
    select
        home_council_code as council_code,
        service,
        period_type,
        period_end,
        count(*)::integer as volunteers_approved
    from volunteer_services
    group by 1, 2, 3, 4
),

final as (
    select
        council_periods.council_code,
        council_periods.region_code,
        council_periods.service,
        council_periods.period_type,
        council_periods.period_start,
        council_periods.period_end,
        coalesce(referrals_received.referrals_received, 0) as referrals_received,
        -- the counts found overwrite the zeros of the sources (and reasons below) they have
        empty_breakdowns.referrals_by_source || coalesce(referrals_received.referrals_by_source, '{}') as referrals_by_source,
        days_to_match.median_days_to_match,
        coalesce(matches_started.matches_started, 0) as matches_started,
        coalesce(matches_ended.matches_ended, 0) as matches_ended,
        empty_breakdowns.matches_ended_by_reason || coalesce(matches_ended.matches_ended_by_reason, '{}') as matches_ended_by_reason,
        sustained.sustained_rate,
        coalesce(volunteers_approved.volunteers_approved, 0) as volunteers_approved
    from council_periods
    cross join empty_breakdowns
    left join referrals_received
        on referrals_received.council_code = council_periods.council_code
        and referrals_received.service = council_periods.service
        and referrals_received.period_type = council_periods.period_type
        and referrals_received.period_end = council_periods.period_end
    left join days_to_match
        on days_to_match.council_code = council_periods.council_code
        and days_to_match.service = council_periods.service
        and days_to_match.period_type = council_periods.period_type
        and days_to_match.period_end = council_periods.period_end
    left join matches_started
        on matches_started.council_code = council_periods.council_code
        and matches_started.service = council_periods.service
        and matches_started.period_type = council_periods.period_type
        and matches_started.period_end = council_periods.period_end
    left join matches_ended
        on matches_ended.council_code = council_periods.council_code
        and matches_ended.service = council_periods.service
        and matches_ended.period_type = council_periods.period_type
        and matches_ended.period_end = council_periods.period_end
    left join sustained
        on sustained.council_code = council_periods.council_code
        and sustained.service = council_periods.service
        and sustained.period_type = council_periods.period_type
        and sustained.period_end = council_periods.period_end
    left join volunteers_approved
        on volunteers_approved.council_code = council_periods.council_code
        and volunteers_approved.service = council_periods.service
        and volunteers_approved.period_type = council_periods.period_type
        and volunteers_approved.period_end = council_periods.period_end
)

select * from final
