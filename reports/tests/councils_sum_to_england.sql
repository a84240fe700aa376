-- England is the sum of its councils: children matched, waiting, referrals received, matches
-- started and ended over every council, children looked after over the councils whose official
-- figure is available.
with council_months as (
    select * from reporting.rollup_council_month
),

england_months as (
    select * from reporting.rollup_england_month
),

council_sums as (
    select
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
    group by 1, 2
),

final as (
    select
        coalesce(council_sums.service, england_months.service) as service,
        coalesce(council_sums.month_end, england_months.month_end) as month_end,
        council_sums.children_matched as councils_children_matched,
        england_months.children_matched as england_children_matched,
        council_sums.waiting as councils_waiting,
        england_months.waiting as england_waiting,
        council_sums.referrals_received as councils_referrals_received,
        england_months.referrals_received as england_referrals_received,
        council_sums.children_looked_after as councils_children_looked_after,
        england_months.children_looked_after as england_children_looked_after
    from council_sums
    full join england_months
        on england_months.service = council_sums.service
        and england_months.month_end = council_sums.month_end
    where council_sums.service is null
        or england_months.service is null
        or council_sums.children_matched is distinct from england_months.children_matched::bigint
        or council_sums.waiting is distinct from england_months.waiting::bigint
        or council_sums.referrals_received is distinct from england_months.referrals_received::bigint
        or council_sums.matches_started is distinct from england_months.matches_started::bigint
        or council_sums.matches_ended is distinct from england_months.matches_ended::bigint
        or council_sums.children_looked_after is distinct from england_months.children_looked_after::bigint
        or council_sums.councils_with_figure is distinct from england_months.councils_with_figure::bigint
)

select * from final
