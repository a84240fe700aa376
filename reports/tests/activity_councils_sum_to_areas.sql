-- Each region's and England's period activity is the sum of its current councils' (London
-- boroughs into E12000007), breakdown cells included, and the sustained rate is recomputed from
-- the summed counts; a median of days to match lies within its councils' medians (a pooled
-- median cannot fall outside them).
with period_activity as (
    select * from reporting.rollup_period_activity
),

council_rows as (
    select * from period_activity where geographic_level = 'council'
),

area_rows as (
    select * from period_activity where geographic_level <> 'council'
),

council_cells as (
    select council_rows.region_code, council_rows.service, council_rows.period_type, council_rows.period_end,
        'source:' || cells.key as cell, cells.value::integer as value
    from council_rows
    cross join lateral jsonb_each_text(council_rows.referrals_by_source) as cells
    union all
    select council_rows.region_code, council_rows.service, council_rows.period_type, council_rows.period_end,
        'reason:' || cells.key, cells.value::integer
    from council_rows
    cross join lateral jsonb_each_text(council_rows.matches_ended_by_reason) as cells
    union all
    select region_code, service, period_type, period_end, unnest(array[
        'referrals_received', 'referrals_matched', 'matches_started', 'matches_ended', 'sustained_judged', 'sustained_count', 'volunteers_approved'
    ]), unnest(array[
        referrals_received, referrals_matched, matches_started, matches_ended, sustained_judged, sustained_count, volunteers_approved
    ])
    from council_rows
),

council_sums as (
    select coalesce(region_code, 'E92000001') as area_code, service, period_type, period_end, cell, sum(value) as value
    from council_cells
    group by grouping sets ((region_code, service, period_type, period_end, cell), (service, period_type, period_end, cell))
),

area_cells as (
    select area_rows.area_code, area_rows.service, area_rows.period_type, area_rows.period_end, 'source:' || cells.key as cell, cells.value::integer as value
    from area_rows
    cross join lateral jsonb_each_text(area_rows.referrals_by_source) as cells
    union all
    select area_rows.area_code, area_rows.service, area_rows.period_type, area_rows.period_end, 'reason:' || cells.key, cells.value::integer
    from area_rows
    cross join lateral jsonb_each_text(area_rows.matches_ended_by_reason) as cells
    union all
    select area_code, service, period_type, period_end, unnest(array[
        'referrals_received', 'referrals_matched', 'matches_started', 'matches_ended', 'sustained_judged', 'sustained_count', 'volunteers_approved'
    ]), unnest(array[
        referrals_received, referrals_matched, matches_started, matches_ended, sustained_judged, sustained_count, volunteers_approved
    ])
    from area_rows
),

sum_mismatches as (
    select
        coalesce(council_sums.area_code, area_cells.area_code) as area_code,
        coalesce(council_sums.service, area_cells.service) as service,
        coalesce(council_sums.period_type, area_cells.period_type) as period_type,
        coalesce(council_sums.period_end, area_cells.period_end) as period_end,
        coalesce(council_sums.cell, area_cells.cell) as cell,
        council_sums.value as councils_value,
        area_cells.value as area_value
    from council_sums
    full join area_cells
        on area_cells.area_code = council_sums.area_code
        and area_cells.service = council_sums.service
        and area_cells.period_type = council_sums.period_type
        and area_cells.period_end = council_sums.period_end
        and area_cells.cell = council_sums.cell
    where council_sums.value is distinct from area_cells.value::bigint
),

rate_mismatches as (
    select area_code, service, period_type, period_end, 'sustained_rate' as cell, null::bigint as councils_value, null::bigint as area_value
    from area_rows
    where sustained_rate is distinct from case when sustained_judged > 0 then round(100.0 * sustained_count / sustained_judged, 1) end
),

median_bounds as (
    select coalesce(region_code, 'E92000001') as area_code, service, period_type, period_end,
        min(median_days_to_match) as lowest, max(median_days_to_match) as highest
    from council_rows
    group by grouping sets ((region_code, service, period_type, period_end), (service, period_type, period_end))
),

median_mismatches as (
    select area_rows.area_code, area_rows.service, area_rows.period_type, area_rows.period_end, 'median_days_to_match' as cell,
        null::bigint as councils_value, null::bigint as area_value
    from area_rows
    left join median_bounds
        on median_bounds.area_code = area_rows.area_code
        and median_bounds.service = area_rows.service
        and median_bounds.period_type = area_rows.period_type
        and median_bounds.period_end = area_rows.period_end
    where (area_rows.median_days_to_match is null) <> (median_bounds.lowest is null)
        or area_rows.median_days_to_match < median_bounds.lowest
        or area_rows.median_days_to_match > median_bounds.highest
),

final as (
    select * from sum_mismatches
    union all
    select * from rate_mismatches
    union all
    select * from median_mismatches
)

select * from final
