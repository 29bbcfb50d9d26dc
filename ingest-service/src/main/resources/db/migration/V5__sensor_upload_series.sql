-- Which upload logged which sensor series over which span of time: a row per upload and series, written by the
-- upload's transaction with its readings. A grader asks it which other uploads logged a sensor's minutes before
-- reading any of them (BRIN cannot leave out the newest, not yet summarized blocks: without it every sensor job
-- scanned its own upload's readings again per series).
create table sensor_upload_series (
    upload_id bigint    not null references upload (id),
    series_id integer   not null references sensor_series (id),
    first_ts  timestamp not null,
    last_ts   timestamp not null,
    readings  integer   not null,
    primary key (upload_id, series_id)
);
create index sensor_upload_series_span on sensor_upload_series (series_id, first_ts);

insert into sensor_upload_series (upload_id, series_id, first_ts, last_ts, readings)
select upload_id, series_id, min(ts), max(ts), count(*) from sensor_reading group by upload_id, series_id;

-- Published contract: each upload's span per series.
create view v_sensor_upload_series as
select u.upload_id, u.series_id, s.plant, s.sensor_id, s.point, s.unit, u.first_ts, u.last_ts, u.readings
from sensor_upload_series u join sensor_series s on s.id = u.series_id;
