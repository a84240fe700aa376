import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reference data: the councils of England, the Department for Education's official statistics
 * and its statistical-neighbour model. Constraint names are stable because errors are mapped
 * back to fields by name.
 */
export class ReferenceTables1763900000000 implements MigrationInterface {
  name = 'ReferenceTables1763900000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      create table councils (
        code text primary key
          constraint councils_code_format check (code ~ '^E[0-9]{8}$'),
        old_code text not null
          constraint councils_old_code_key unique
          constraint councils_old_code_format check (old_code ~ '^[0-9]{3}$'),
        name text not null constraint councils_name_not_blank check (btrim(name) <> ''),
        region_code text not null constraint councils_region_code_format check (region_code ~ '^E12[0-9]{6}$'),
        region_name text not null,
        -- false for councils that no longer exist (Cumbria, Northamptonshire): their history stays queryable
        is_current boolean not null default true,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      );
      comment on table councils is 'English local authorities with children''s services responsibilities, keyed by ONS code; London boroughs are in the London region (E12000007).';
      create index councils_region_code_idx on councils (region_code, code);

      create table official_statistics (
        official_statistic_id bigint generated always as identity primary key,
        geographic_level text not null
          constraint official_statistics_geographic_level_check check (geographic_level in ('National', 'Regional', 'Local authority')),
        -- E92000001 for England, E12/E13 region codes as the file gives them, or the council's code
        area_code text not null,
        council_code text references councils (code) on delete restrict,
        time_period integer not null constraint official_statistics_time_period_check check (time_period between 1990 and 2100),
        time_identifier text not null,
        -- the file's population_type, e.g. 'Children looked after on 31 March each year'
        measure text not null,
        children_count integer constraint official_statistics_children_count_check check (children_count >= 0),
        children_count_symbol text,
        rate_per_10000 numeric,
        rate_per_10000_symbol text,
        population_estimate bigint,
        population_estimate_symbol text,
        source text not null,
        release text not null,
        imported_at timestamptz not null default now(),
        constraint official_statistics_symbols_check check (
          coalesce(children_count_symbol, 'c') in ('c', 'z', 'x', 'low', 'u')
          and coalesce(rate_per_10000_symbol, 'c') in ('c', 'z', 'x', 'low', 'u')
          and coalesce(population_estimate_symbol, 'c') in ('c', 'z', 'x', 'low', 'u')),
        -- a figure is either a number or a symbol saying why there is none
        constraint official_statistics_value_or_symbol_check check (
          (children_count is null) <> (children_count_symbol is null)
          and (rate_per_10000 is null) <> (rate_per_10000_symbol is null)
          and (population_estimate is null) <> (population_estimate_symbol is null)),
        constraint official_statistics_council_level_check check ((geographic_level = 'Local authority') = (council_code is not null)),
        constraint official_statistics_key unique (geographic_level, area_code, time_period, time_identifier, measure)
      );
      comment on table official_statistics is 'Department for Education children looked after figures, one row per area, year and population type. Open Government Licence v3.0.';
      create index official_statistics_council_idx on official_statistics (council_code, measure, time_period);

      create table statistical_neighbours (
        council_code text not null references councils (code) on delete cascade,
        rank smallint not null constraint statistical_neighbours_rank_check check (rank between 1 and 10),
        neighbour_code text not null references councils (code) on delete cascade,
        closeness text not null,
        model text not null,
        constraint statistical_neighbours_pkey primary key (council_code, rank),
        constraint statistical_neighbours_pair_key unique (council_code, neighbour_code),
        constraint statistical_neighbours_not_self check (council_code <> neighbour_code)
      );
      comment on table statistical_neighbours is 'Department for Education statistical-neighbour model: each council''s ten most similar councils, closest first.';
    `);
  }

  async down(): Promise<void> {
    throw new Error('Migrations are forward-only: restore from a backup instead of migrating down.');
  }
}
