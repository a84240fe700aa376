-- grain: one row per current council, service and reporting period (each calendar month, and each year to 31 March)
-- materialized: table
-- key: council_code, service, period_type, period_end
--
-- The period metrics of reports/METRICS.md, computed once here so that the month and year rollups
-- cannot disagree about a definition. A period runs from period_start to period_end, both
-- included.
--
-- Every period is made of whole calendar months, so an event is placed in its periods by the
-- month end of its date, an equality join on period_months, rather than by comparing each event
-- with every period's start and end (at demo scale 10 those range joins took most of a refresh).

with councils as (
    select * from reporting.stg_councils
),

volunteers as (
    select * from reporting.stg_volunteers
),

volunteer_history as (
    select * from reporting.stg_volunteer_history
),

provider_services as (
    select * from reporting.int_provider_services
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

reporting_dates as (
    select * from reporting.dim_reporting_dates
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

-- Each reporting period with the month ends of the months it is made of: a month period has its
-- own month, a year period its twelve (the data test reporting_periods_are_whole_months checks
-- that every period is whole reporting months).
period_months as (
    select
        reporting_periods.period_type,
        reporting_periods.period_end,
        reporting_dates.month_end
    from reporting_periods
    inner join reporting_dates
        on reporting_dates.month_end between reporting_periods.period_start and reporting_periods.period_end
),

-- The month end of each lifecycle date (null stays null), the key into period_months, computed
-- as dim_reporting_dates computes month_end from month_start. The cast to timestamp keeps the
-- session's time zone out of date_trunc.
referral_months as (
    select
        council_code,
        service,
        source,
        days_to_match,
        (date_trunc('month', referred_on::timestamp) + interval '1 month' - interval '1 day')::date as referred_month_end,
        (date_trunc('month', matched_on::timestamp) + interval '1 month' - interval '1 day')::date as matched_month_end
    from referrals
),

match_months as (
    select
        council_code,
        service,
        end_reason,
        is_sustained,
        (date_trunc('month', started_on::timestamp) + interval '1 month' - interval '1 day')::date as started_month_end,
        (date_trunc('month', ended_on::timestamp) + interval '1 month' - interval '1 day')::date as ended_month_end,
        (date_trunc('month', sustained_judged_on::timestamp) + interval '1 month' - interval '1 day')::date as judged_month_end
    from matches
),

-- referralsReceived: referred_on in the period, by source. Counted per month first, then summed
-- over the months of each period.
referrals_received_by_month as (
    select
        council_code,
        service,
        source,
        referred_month_end as month_end,
        count(*) as referrals_received
    from referral_months
    group by 1, 2, 3, 4
),

referrals_received_by_source as (
    select
        referrals_received_by_month.council_code,
        referrals_received_by_month.service,
        period_months.period_type,
        period_months.period_end,
        referrals_received_by_month.source,
        sum(referrals_received_by_month.referrals_received)::integer as referrals_received
    from referrals_received_by_month
    inner join period_months
        on period_months.month_end = referrals_received_by_month.month_end
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
-- median, as for waits (percentile_disc(0.5) is the lower median when the count is even). A
-- median cannot be summed from months: a year's is taken over the year's own referrals.
days_to_match as (
    select
        referral_months.council_code,
        referral_months.service,
        period_months.period_type,
        period_months.period_end,
        percentile_disc(0.5) within group (order by referral_months.days_to_match) as median_days_to_match,
        -- the median's base: disclosure control withholds a median over one to four referrals
        count(*)::integer as referrals_matched
    from referral_months
    inner join period_months
        on period_months.month_end = referral_months.matched_month_end
    where referral_months.days_to_match is not null
    group by 1, 2, 3, 4
),

-- matchesStarted: started_on in the period (per month, then summed over the period's months)
matches_started_by_month as (
    select
        council_code,
        service,
        started_month_end as month_end,
        count(*) as matches_started
    from match_months
    group by 1, 2, 3
),

matches_started as (
    select
        matches_started_by_month.council_code,
        matches_started_by_month.service,
        period_months.period_type,
        period_months.period_end,
        sum(matches_started_by_month.matches_started)::integer as matches_started
    from matches_started_by_month
    inner join period_months
        on period_months.month_end = matches_started_by_month.month_end
    group by 1, 2, 3, 4
),

-- matchesEnded: ended_on in the period, by end reason (per month, then summed over the period's
-- months)
matches_ended_by_month as (
    select
        council_code,
        service,
        end_reason,
        ended_month_end as month_end,
        count(*) as matches_ended
    from match_months
    group by 1, 2, 3, 4
),

matches_ended_by_reason as (
    select
        matches_ended_by_month.council_code,
        matches_ended_by_month.service,
        period_months.period_type,
        period_months.period_end,
        matches_ended_by_month.end_reason,
        sum(matches_ended_by_month.matches_ended)::integer as matches_ended
    from matches_ended_by_month
    inner join period_months
        on period_months.month_end = matches_ended_by_month.month_end
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
-- match counts, whenever it started: the rate is a running one, as reports/METRICS.md words it.
-- Every period ends on a month end, and a match is judged on or before a month end exactly when
-- the month end of its judgement day is, so the matches are counted per judgement month and the
-- counts run up month by month. Matches judged before the first reporting month are counted in
-- it; those judged after the last one count in no period.
first_reporting_month as (
    select min(month_end) as month_end
    from reporting_dates
),

sustained_judgements as (
    select
        match_months.council_code,
        match_months.service,
        greatest(match_months.judged_month_end, first_reporting_month.month_end) as month_end,
        count(*) as judged,
        count(*) filter (where match_months.is_sustained) as sustained
    from match_months
    cross join first_reporting_month
    group by 1, 2, 3
),

council_months as (
    select
        current_councils.council_code,
        services.service,
        reporting_dates.month_end
    from current_councils
    cross join services
    cross join reporting_dates
),

sustained_running as (
    select
        council_months.council_code,
        council_months.service,
        council_months.month_end,
        (sum(coalesce(sustained_judgements.judged, 0)) over running_months)::bigint as judged,
        (sum(coalesce(sustained_judgements.sustained, 0)) over running_months)::bigint as sustained
    from council_months
    left join sustained_judgements
        on sustained_judgements.council_code = council_months.council_code
        and sustained_judgements.service = council_months.service
        and sustained_judgements.month_end = council_months.month_end
    window running_months as (
        partition by council_months.council_code, council_months.service
        order by council_months.month_end
        rows between unbounded preceding and current row
    )
),

sustained as (
    select
        sustained_running.council_code,
        sustained_running.service,
        reporting_periods.period_type,
        reporting_periods.period_end,
        round(100.0 * sustained_running.sustained / sustained_running.judged, 1) as sustained_rate,
        -- the rate's counts, so that regions and England recompute it from sums (never a mean of rates)
        sustained_running.judged::integer as sustained_judged,
        sustained_running.sustained::integer as sustained_count
    from sustained_running
    inner join reporting_periods
        on reporting_periods.period_end = sustained_running.month_end
    -- null when no match has been judged yet, as reports/METRICS.md asks
    where sustained_running.judged > 0
),

-- volunteersApproved: volunteers living in the council, APPROVED at the period end, with a DBS
-- check valid at the period end (issued by then, and under 3 years old or on the update
-- service, the rule of dbsValidOn in src/volunteers/volunteer.types.ts).
-- The status at the period end is read from the volunteer's history (stg_volunteer_history), so a
-- volunteer who has since become INACTIVE or WITHDRAWN still counts in the periods they were
-- APPROVED at the end of. The DBS dates are today's (a renewal replaces them; no history).
-- Service: the services the volunteer's provider is commissioned for on the period end
-- (int_provider_services). The volunteers are counted per home council and provider (a few
-- hundred pairs) before they meet the services, so each volunteer counts once per service
-- without a distinct over every volunteer and period.
approved_volunteers as (
    select
        volunteers.home_council_code,
        volunteers.provider_id,
        reporting_periods.period_type,
        reporting_periods.period_end,
        count(*) as volunteers
    from volunteers
    inner join volunteer_history
        on volunteer_history.volunteer_id = volunteers.volunteer_id
        and volunteer_history.status = 'APPROVED'
    inner join reporting_periods
        on reporting_periods.period_end >= volunteer_history.valid_from
        and (volunteer_history.valid_until is null or reporting_periods.period_end < volunteer_history.valid_until)
        and volunteers.dbs_issued_on <= reporting_periods.period_end
        and (
            volunteers.has_dbs_update_service
            or reporting_periods.period_end < volunteers.dbs_issued_on + interval '3 years'
        )
    group by 1, 2, 3, 4
),

volunteers_approved as (
    select
        approved_volunteers.home_council_code as council_code,
        provider_services.service,
        approved_volunteers.period_type,
        approved_volunteers.period_end,
        sum(approved_volunteers.volunteers)::integer as volunteers_approved
    from approved_volunteers
    inner join provider_services
        on provider_services.provider_id = approved_volunteers.provider_id
        and provider_services.month_end = approved_volunteers.period_end
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
        coalesce(volunteers_approved.volunteers_approved, 0) as volunteers_approved,
        coalesce(days_to_match.referrals_matched, 0) as referrals_matched,
        coalesce(sustained.sustained_judged, 0) as sustained_judged,
        coalesce(sustained.sustained_count, 0) as sustained_count
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
