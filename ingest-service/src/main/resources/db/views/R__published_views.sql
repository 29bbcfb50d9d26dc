-- ingest's published contract: the only objects qaqc-service and mrv-service read. Their columns are stable (new
-- columns are added at the end). Repeatable: Flyway applies this file again whenever it changes; a versioned
-- migration that changes a table under a view drops the views first and changes this file in the same release.
drop view if exists v_ops_day_current, v_ops_day_version, v_sensor_upload_series, v_sensor_series, v_sensor_reading,
    v_lab_reading, v_upload, v_plant, v_sensor_calibration, v_upload_file, v_upload_blob, v_sensor_day_stats,
    v_plant_revision cascade;

create view v_upload as
select id as upload_id, status, kind, record_type, plants, file_name, sha256, size_bytes, received_at, generated_at
from upload;

-- The current version of every registered plant.
create view v_plant as
select distinct on (plant) plant, version, display_name, time_zone, upstream_point, downstream_point, meters,
       active_from, active_to, created_at
from plant_version
order by plant, version desc;

-- A counter per plant that moves with every commit that may change what these views show of the plant (accepted
-- uploads, registration versions, calibrations); 0 for a plant never changed. An answer read after reading the
-- revision is still current while the revision is the same.
create view v_plant_revision as
select plant, revision from plant_revision;

create view v_sensor_calibration as
select id as calibration_id, plant, sensor_id, calibrated_at, method, reference_material, reference_lot, offset_found,
       slope_found, certificate_sha256, created_at
from sensor_calibration;

-- value, unit and uncertainty in the parameter's canonical unit (mg/L for calcium); original_* as the lab wrote it.
create view v_lab_reading as
select r.id as record_id, r.upload_id, u.file_name, r.row_num, r.plant, r.sample_date, r.unique_id, r.point,
       r.parameter, r.unit, r.value, r.raw_value, r.uncertainty, r.replicate, r.metadata, r.original_value,
       r.original_unit, r.original_uncertainty, r.censoring, r.detection_limit
from lab_reading r join upload u on u.id = r.upload_id;

-- ts is the reading's instant; plant is the reading's own, so a filter on it or on ts reaches the monthly partitions
-- directly. A left join: PostgreSQL leaves sensor_series out of a query that reads none of its
-- columns, such as a grader reading a million readings by series id (no hash join of a million rows).
create view v_sensor_reading as
select r.id as record_id, r.upload_id, r.row_num, r.plant, s.sensor_id, s.point, r.ts, r.value, r.raw_value, s.unit,
       r.series_id
from sensor_reading r left join sensor_series s on s.id = r.series_id;

-- Each upload's readings of a series per plant-local day (day in time_zone, the plant's zone): count, numeric count,
-- sum, min, max. A day's mean over every upload is sum(value_sum) / sum(numeric_readings), as over its readings.
create view v_sensor_day_stats as
select d.plant, s.sensor_id, s.point, s.unit, d.day, d.time_zone, d.upload_id, d.series_id, d.readings,
       d.numeric_readings, d.value_sum, d.value_min, d.value_max
from sensor_day_stats d join sensor_series s on s.id = d.series_id;

create view v_sensor_series as
select id as series_id, plant, sensor_id, point, unit from sensor_series;

-- Each upload's span of each sensor series (instants).
create view v_sensor_upload_series as
select u.upload_id, u.series_id, s.plant, s.sensor_id, s.point, s.unit, u.first_ts, u.last_ts, u.readings
from sensor_upload_series u join sensor_series s on s.id = u.series_id;

-- Every version of every plant-day, ranked: version_rank 1 is current (most recently generated export, then the
-- later upload, then the later row of the same file). revised: the day's versions disagree on effluent flow (a later
-- export changed it, or filled in an incomplete day). original_values: each field as the export states it.
create view v_ops_day_version as
select d.id as record_id, d.upload_id, u.file_name, d.sheet, d.row_num, d.plant, d.day,
       u.generated_at, u.received_at,
       d.effluent_flow_mgd, d.effluent_flow_max_mgd, d.effluent_flow_min_mgd, d.influent_flow_mgd,
       d.bypass_flow_mgd, d.bypass_hours, d.source_columns, d.other_values,
       row_number() over w as version_rank,
       count(*) over p as version_count,
       (max(d.effluent_flow_mgd) over p is distinct from min(d.effluent_flow_mgd) over p
        or count(d.effluent_flow_mgd) over p not in (0, count(*) over p)) as revised,
       d.original_values
from ops_day d join upload u on u.id = d.upload_id
window p as (partition by d.plant, d.day),
       w as (partition by d.plant, d.day
             order by u.generated_at desc nulls last, u.received_at desc, d.upload_id desc, d.row_num desc);

create view v_ops_day_current as
select * from v_ops_day_version where version_rank = 1;

-- Where each upload's kept original bytes are (the evidence of mrv's statements): an S3 key in the bucket of
-- carbonmrv.blobs.s3, or none when they are here, in v_upload_file's chunks.
create view v_upload_blob as
select u.id as upload_id, u.sha256, b.size_bytes, b.s3_key
from upload u join blob b on b.sha256 = u.sha256
where u.bytes_stored;

-- The chunks of the uploads whose bytes are here, to be read in seq order.
create view v_upload_file as
select u.id as upload_id, c.seq, c.bytes
from upload u join blob_chunk c on c.sha256 = u.sha256
where u.bytes_stored;
