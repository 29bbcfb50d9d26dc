-- Sensor grades hold their readings' instants (ingest's readings are timestamptz since its V6); a grade row's day is
-- the local calendar day in the plant's zone, which each row keeps (time_zone). Views are made again by
-- R__published_views.sql. Calibrations recorded in ingest are mirrored once each into re-grading jobs.
drop view if exists v_record_flag, sensor_grade_reading, v_sensor_day cascade;

create function tstz_array(timestamp[], text) returns timestamptz[] language sql immutable as $$
    select array_agg(x at time zone $2 order by i) from unnest($1) with ordinality u(x, i)
$$;
alter table sensor_grade add column time_zone text not null default '${legacy_time_zone}';
alter table sensor_grade alter column ts type timestamptz[] using tstz_array(ts, '${legacy_time_zone}');
alter table sensor_grade alter column time_zone drop default;
drop function tstz_array(timestamp[], text);

-- A calibration of a sensor re-grades the uploads that logged it since: one job per (calibration, upload).
alter table job add column source_calibration_id bigint;
create unique index job_calibration_upload on job (source_calibration_id, upload_id)
    where source_calibration_id is not null;
