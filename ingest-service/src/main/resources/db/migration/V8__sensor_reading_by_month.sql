-- Sensor readings grow by half a billion rows a year across a fleet: they are partitioned by month of their instant
-- (UTC months), so that a month's readings, their BRIN indexes and their vacuum stay the size of a month, and an old
-- month is detached and archived without touching new ones. Each reading carries its plant, the key a distributed
-- PostgreSQL (Citus) shards on. Partitions are made ahead of need by the service (ensure_sensor_month) and, for a
-- month no partition covers yet, by the upload that first brings one.
drop view if exists v_sensor_reading, v_sensor_upload_series, v_sensor_series cascade;

alter table sensor_reading rename to sensor_reading_unpartitioned;
alter index sensor_reading_ts rename to sensor_reading_unpartitioned_ts;
alter index sensor_reading_upload rename to sensor_reading_unpartitioned_upload;
alter index sensor_reading_id rename to sensor_reading_unpartitioned_id;

-- A sequence, not an identity: the same definition works on every PostgreSQL a deployment may run (identity columns
-- on partitioned tables arrived in 17).
create sequence sensor_reading_record_id_seq as bigint;
select setval('sensor_reading_record_id_seq', coalesce((select max(id) from sensor_reading_unpartitioned), 0) + 1, false);

create table sensor_reading (
    id        bigint           not null default nextval('sensor_reading_record_id_seq'),
    plant     text             not null,
    upload_id bigint           not null,
    row_num   integer          not null,
    series_id integer          not null,
    ts        timestamptz      not null,
    value     double precision,
    raw_value text
) partition by range (ts);
alter sequence sensor_reading_record_id_seq owned by sensor_reading.id;
create index sensor_reading_ts on sensor_reading using brin (ts);
create index sensor_reading_upload on sensor_reading using brin (upload_id);
create index sensor_reading_id on sensor_reading using brin (id);

-- The partition of the UTC month starting at month_start, made if missing. It is made as a table and then attached:
-- attaching takes a lock that lets uploads in flight keep writing into the other months (creating it directly as a
-- partition would wait for them, and they may be the ones asking for it).
create function ensure_sensor_month(month_start date) returns text
language plpgsql as $$
declare
    first_day date := date_trunc('month', month_start)::date;
    name      text := format('sensor_reading_y%sm%s', to_char(first_day, 'YYYY'), to_char(first_day, 'MM'));
begin
    perform pg_advisory_xact_lock(hashtext('ingest.sensor_reading partitions'));
    if to_regclass(format('ingest.%I', name)) is null then
        execute format('create table ingest.%I (like ingest.sensor_reading including defaults)', name);
        execute format('alter table ingest.sensor_reading attach partition ingest.%I for values from (%L) to (%L)',
                       name, first_day::timestamp at time zone 'UTC',
                       (first_day + interval '1 month')::timestamp at time zone 'UTC');
    end if;
    return name;
end $$;

select ensure_sensor_month(m::date)
from (select distinct date_trunc('month', ts at time zone 'UTC') as m from sensor_reading_unpartitioned) months;

insert into sensor_reading (id, plant, upload_id, row_num, series_id, ts, value, raw_value)
select r.id, s.plant, r.upload_id, r.row_num, r.series_id, r.ts, r.value, r.raw_value
from sensor_reading_unpartitioned r join sensor_series s on s.id = r.series_id;

do $$
begin
    if (select count(*) from sensor_reading) <> (select count(*) from sensor_reading_unpartitioned) then
        raise exception 'readings without their series: not moved';
    end if;
end $$;

drop table sensor_reading_unpartitioned;
