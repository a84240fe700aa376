-- grain: one row per region, service and month end
-- materialized: table
-- key: region_code, service, month_end
-- index: service, month_end
--
-- Region figures are sums over the region's current councils (rollup_council_month), with rates
-- recomputed from the sums, never a mean of council rates:
-- - children_looked_after sums the councils whose official figure is available (status OK);
-- - children_matched sums every council, but coverage_rate divides the children matched in the
--   councils with an available figure (children_matched_with_figure) by that sum, so both sides
--   cover the same children;
-- - median_wait_days and p90_wait_days are taken over the pooled waiting referrals of the
--   region, not as a median of council medians.
-- London boroughs are in London (E12000007), as stg_councils gives them.

with councils as (
    select * from reporting.stg_councils
),

council_months as (
    select * from reporting.rollup_council_month
),

waiting_referrals as (
    select * from reporting.fct_waiting_referrals
),

regions as (
    select
        region_code,
        -- one name per region is checked by the data test region_has_one_name
        min(region_name) as region_name
    from councils
    where is_current
    group by region_code
),

current_councils as (
    select
        council_code,
        region_code
    from councils
    where is_current
),

region_sums as (
    select
        region_code,
        service,
        month_end,
        count(*)::integer as councils,
        count(*) filter (where children_looked_after_status = 'OK')::integer as councils_with_figure,
        sum(children_looked_after) filter (where children_looked_after_status = 'OK')::integer as children_looked_after,
        max(children_looked_after_year) as children_looked_after_year,
        sum(children_matched)::integer as children_matched,
        sum(children_matched) filter (where children_looked_after_status = 'OK')::integer as children_matched_with_figure,
        sum(waiting)::integer as waiting,
        sum(referrals_received)::integer as referrals_received,
        sum(matches_started)::integer as matches_started,
        sum(matches_ended)::integer as matches_ended,
        sum(referrals_12_months)::integer as referrals_12_months,
        sum(referrals_12_months) filter (where children_looked_after_status = 'OK')::integer as referrals_12_months_with_figure,
        sum(social_worker_referrals_12_months)::integer as social_worker_referrals_12_months,
        sum(waiting_6_months_earlier)::integer as waiting_6_months_earlier
    from council_months
    group by 1, 2, 3
),

pooled_waits as (
    select
        current_councils.region_code,
        waiting_referrals.service,
        waiting_referrals.month_end,
        percentile_disc(0.5) within group (order by waiting_referrals.wait_days) as median_wait_days,
        percentile_disc(0.9) within group (order by waiting_referrals.wait_days) as p90_wait_days
    from waiting_referrals
    inner join current_councils
        on current_councils.council_code = waiting_referrals.council_code
    group by 1, 2, 3
),

month_figures as (
    select
        region_sums.region_code,
        regions.region_name,
        region_sums.service,
        region_sums.month_end,
        region_sums.children_looked_after,
        case when region_sums.councils_with_figure > 0 then 'OK' else 'NOT_AVAILABLE' end as children_looked_after_status,
        region_sums.children_looked_after_year,
        region_sums.councils,
        region_sums.councils_with_figure,
        region_sums.children_matched,
        region_sums.children_matched_with_figure,
        case
            when region_sums.children_looked_after > 0
                then round(100.0 * region_sums.children_matched_with_figure / region_sums.children_looked_after, 1)
        end as coverage_rate,
        region_sums.waiting,
        region_sums.waiting > 0 as has_waiting_list,
        pooled_waits.median_wait_days,
        pooled_waits.p90_wait_days,
        region_sums.referrals_received,
        region_sums.matches_started,
        region_sums.matches_ended,
        region_sums.referrals_12_months,
        region_sums.referrals_12_months_with_figure,
        region_sums.social_worker_referrals_12_months,
        region_sums.waiting_6_months_earlier
    from region_sums
    inner join regions
        on regions.region_code = region_sums.region_code
    left join pooled_waits
        on pooled_waits.region_code = region_sums.region_code
        and pooled_waits.service = region_sums.service
        and pooled_waits.month_end = region_sums.month_end
),

-- The insights, as for a council (40_rollup_council_month.sql), from the area's sums; the rate a
-- year earlier comes with its numerator and denominator, from which disclosure control works out
-- the rate the public saw then.
earlier_figures as (
    select
        month_figures.*,
        lag(children_matched_with_figure, 12) over by_month as children_matched_with_figure_12_months_earlier,
        lag(children_looked_after, 12) over by_month as children_looked_after_12_months_earlier,
        lag(coverage_rate, 12) over by_month as coverage_rate_12_months_earlier
    from month_figures
    window by_month as (partition by region_code, service order by month_end)
),

final as (
    select
        earlier_figures.*,
        case
            when children_looked_after > 0
                then round(100.0 * referrals_12_months_with_figure / children_looked_after, 1)
        end as referrals_per_100_looked_after,
        case
            when referrals_12_months > 0
                then round(100.0 * social_worker_referrals_12_months / referrals_12_months, 1)
        end as social_worker_referral_share,
        coverage_rate - coverage_rate_12_months_earlier as coverage_change_12_months,
        case
            when waiting = 0 then 0
            when waiting_6_months_earlier > waiting
                then round(6.0 * waiting / (waiting_6_months_earlier - waiting), 1)
        end as months_to_clear_waiting_list
    from earlier_figures
)

select * from final
