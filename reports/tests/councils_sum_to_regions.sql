-- Each region is the sum of its councils: children matched, waiting, referrals received,
-- matches started and ended over every council, children looked after over the councils whose
-- official figure is available. London boroughs sum into London (E12000007).
with council_months as (
    select * from reporting.rollup_council_month
),

region_months as (
    select * from reporting.rollup_region_month
),

council_sums as (
    select
        region_code,
        service,
        month_end,
        sum(children_matched) as children_matched,
        sum(waiting) as waiting,
        sum(referrals_received) as referrals_received,
        sum(matches_started) as matches_started,
        sum(matches_ended) as matches_ended,
        sum(children_looked_after) filter (where children_looked_after_status = 'OK') as children_looked_after,
        count(*) filter (where children_looked_after_status = 'OK') as councils_with_figure
    from council_months
    group by 1, 2, 3
),

final as (
    select
        coalesce(council_sums.region_code, region_months.region_code) as region_code,
        coalesce(council_sums.service, region_months.service) as service,
        coalesce(council_sums.month_end, region_months.month_end) as month_end,
        council_sums.children_matched as councils_children_matched,
        region_months.children_matched as region_children_matched,
        council_sums.waiting as councils_waiting,
        region_months.waiting as region_waiting,
        council_sums.referrals_received as councils_referrals_received,
        region_months.referrals_received as region_referrals_received,
        council_sums.children_looked_after as councils_children_looked_after,
        region_months.children_looked_after as region_children_looked_after
    from council_sums
    full join region_months
        on region_months.region_code = council_sums.region_code
        and region_months.service = council_sums.service
        and region_months.month_end = council_sums.month_end
    where council_sums.region_code is null
        or region_months.region_code is null
        or council_sums.children_matched is distinct from region_months.children_matched::bigint
        or council_sums.waiting is distinct from region_months.waiting::bigint
        or council_sums.referrals_received is distinct from region_months.referrals_received::bigint
        or council_sums.matches_started is distinct from region_months.matches_started::bigint
        or council_sums.matches_ended is distinct from region_months.matches_ended::bigint
        or council_sums.children_looked_after is distinct from region_months.children_looked_after::bigint
        or council_sums.councils_with_figure is distinct from region_months.councils_with_figure::bigint
)

select * from final
