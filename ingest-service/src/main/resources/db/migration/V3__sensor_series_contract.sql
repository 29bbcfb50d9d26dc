-- Contract additions for graders reading large uploads: the series id on each reading (so that a million readings
-- are grouped by an integer, not by repeated texts) and the series themselves.
create or replace view v_sensor_reading as
select r.id as record_id, r.upload_id, r.row_num, s.plant, s.sensor_id, s.point, r.ts, r.value, r.raw_value, s.unit,
       r.series_id
from sensor_reading r join sensor_series s on s.id = r.series_id;

create view v_sensor_series as
select id as series_id, plant, sensor_id, point, unit from sensor_series;
