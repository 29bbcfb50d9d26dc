-- Plants, units and time as data: the plant registry, sensor calibrations, every quantity's original value and unit,
-- censored lab values, and instants (timestamptz) for sensor readings and export generation times. The published
-- views are dropped here and made again by R__published_views.sql (the one place their text lives).
drop view if exists v_ops_day_current, v_ops_day_version, v_sensor_upload_series, v_sensor_series, v_sensor_reading,
    v_lab_reading, v_upload cascade;

-- A plant exists for ingestion once registered; every change is a new version (who, when, why).
create table plant_version (
    plant            text        not null,
    version          integer     not null,
    display_name     text        not null,
    -- IANA zone: the plant's days and local timestamps are read in it
    time_zone        text        not null,
    upstream_point   text        not null,
    downstream_point text        not null,
    -- [{id, measures, relative_standard_uncertainty, calibrated_on}]
    meters           jsonb       not null default '[]',
    active_from      date,
    active_to        date,
    comment          text,
    created_by       text        not null,
    created_at       timestamptz not null default now(),
    primary key (plant, version),
    check (active_from is null or active_to is null or active_from <= active_to),
    check (upstream_point <> downstream_point)
);

-- Sensor calibrations, append-only; a certificate's bytes are kept like an upload's (content-addressed).
create table sensor_calibration (
    id                    bigint generated always as identity primary key,
    plant                 text             not null,
    sensor_id             text             not null,
    calibrated_at         timestamptz      not null,
    method                text             not null,
    reference_material    text,
    reference_lot         text,
    offset_found          double precision,
    slope_found           double precision,
    certificate_sha256    char(64) references blob (sha256),
    certificate_file_name text,
    comment               text,
    created_by            text             not null,
    created_at            timestamptz      not null default now()
);
create index sensor_calibration_sensor on sensor_calibration (plant, sensor_id, calibrated_at);

-- Each ops field as the export states it ({"effluent_flow_mgd": {"value": 99715, "unit": "m³/d"}}); the columns hold
-- the canonical units their names say.
alter table ops_day add column original_values jsonb not null default '{}';
update ops_day set original_values = (
    select coalesce(jsonb_object_agg(k, jsonb_build_object('value', v, 'unit', u)), '{}') from (values
        ('effluent_flow_mgd', effluent_flow_mgd, 'MGD'), ('effluent_flow_max_mgd', effluent_flow_max_mgd, 'MGD'),
        ('effluent_flow_min_mgd', effluent_flow_min_mgd, 'MGD'), ('influent_flow_mgd', influent_flow_mgd, 'MGD'),
        ('bypass_flow_mgd', bypass_flow_mgd, 'MGD'), ('bypass_hours', bypass_hours, 'h')) f(k, v, u)
    where v is not null);

-- A lab value in its parameter's canonical unit (value, unit, uncertainty) and as the lab wrote it; a censored value
-- (<0.5, ND, >100) keeps its direction and limit, its value null.
alter table lab_reading
    add column original_value       double precision,
    add column original_unit        text,
    add column original_uncertainty double precision,
    add column censoring            text check (censoring in ('<', '>')),
    add column detection_limit      double precision;
update lab_reading set original_value = value, original_unit = unit, original_uncertainty = uncertainty;

-- Instants. Readings stored before this release were local times of no recorded zone: they are read in
-- ${legacy_time_zone} (quarkus.flyway.placeholders.legacy_time_zone, UTC unless set), which keeps their wall-clock
-- values.
alter table sensor_reading alter column ts type timestamptz using ts at time zone '${legacy_time_zone}';
alter table sensor_upload_series
    alter column first_ts type timestamptz using first_ts at time zone '${legacy_time_zone}',
    alter column last_ts type timestamptz using last_ts at time zone '${legacy_time_zone}';
alter table upload alter column generated_at type timestamptz using generated_at at time zone '${legacy_time_zone}';

-- The sample layouts declare every quantity's unit and how timestamps are read: new versions, nothing relies on a
-- default (an upload names the exact version that read it).
insert into layout_profile (id, version, record_type, format, definition)
select id, version + 1, record_type, format, case id
    when 'lab-calcium' then definition || '{"units": {"value": "per_row", "uncertainty": "per_row"}}'::jsonb
    when 'sensor-ph' then definition || '{"units": {"value": "per_row"}, "timestamp_zone": "plant"}'::jsonb
    when 'ops-operator-daily' then jsonb_set(definition, '{units}', coalesce(definition -> 'units', '{}')
        || '{"effluent_flow_mgd": "MGD", "effluent_flow_max_mgd": "MGD", "effluent_flow_min_mgd": "MGD", '
           '"bypass_flow_mgd": "MGD", "bypass_hours": "h"}'::jsonb)
    else jsonb_set(definition, '{units}', coalesce(definition -> 'units', '{}')
        || '{"effluent_flow_mgd": "MGD", "influent_flow_mgd": "MGD"}'::jsonb)
    end
from (select distinct on (id) * from layout_profile where id in ('lab-calcium', 'sensor-ph', 'ops-operator-daily',
      'ops-mpor') order by id, version desc) latest;
