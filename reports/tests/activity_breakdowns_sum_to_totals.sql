-- At every level (council, region, England) and for every period, the activity breakdowns hold
-- every referral source (8) and match end reason (6) and add up to their totals, so the `Total`
-- rows of the council-activity file and the cells beside them describe the same referrals and endings.
with period_activity as (
    select * from reporting.rollup_period_activity
),

breakdown_sums as (
    select
        geographic_level,
        area_code,
        service,
        period_type,
        period_end,
        referrals_received,
        (select count(*) from jsonb_each(referrals_by_source)) as sources,
        (select sum(value::integer) from jsonb_each_text(referrals_by_source)) as referrals_by_source_total,
        matches_ended,
        (select count(*) from jsonb_each(matches_ended_by_reason)) as end_reasons,
        (select sum(value::integer) from jsonb_each_text(matches_ended_by_reason)) as matches_ended_by_reason_total
    from period_activity
),

final as (
    select *
    from breakdown_sums
    where sources <> 8
        or end_reasons <> 6
        or referrals_by_source_total is distinct from referrals_received
        or matches_ended_by_reason_total is distinct from matches_ended
)

select * from final
