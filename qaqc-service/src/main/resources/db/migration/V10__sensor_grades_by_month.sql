-- Sensor grades grow with the readings they grade: partitioned by month of their plant-local day, so that a month's
-- rows and indexes stay the size of a month and an old month is detached and archived on its own. Every row carries
-- its plant, the key a distributed PostgreSQL (Citus) shards on. A grading job makes the months it writes into
-- (ensure_sensor_grade_month) before its COPY. The published views are made again by R__published_views.sql.
drop view if exists v_record_flag, sensor_grade_reading, v_sensor_day cascade;

alter table sensor_grade rename to sensor_grade_unpartitioned;
create table sensor_grade (like sensor_grade_unpartitioned including all) partition by range (day);

-- The partition of the month starting at month_start, made if missing: made as a table, then attached, so that jobs
-- writing other months meanwhile are not waited for.
create function ensure_sensor_grade_month(month_start date) returns text
language plpgsql as $$
declare
    first_day date := date_trunc('month', month_start)::date;
    name      text := format('sensor_grade_y%sm%s', to_char(first_day, 'YYYY'), to_char(first_day, 'MM'));
begin
    perform pg_advisory_xact_lock(hashtext('qaqc.sensor_grade partitions'));
    if to_regclass(format('qaqc.%I', name)) is null then
        execute format('create table qaqc.%I (like qaqc.sensor_grade including defaults including constraints '
                       'including storage)', name);
        execute format('alter table qaqc.sensor_grade attach partition qaqc.%I for values from (%L) to (%L)',
                       name, first_day, (first_day + interval '1 month')::date);
    end if;
    return name;
end $$;

select ensure_sensor_grade_month(m::date)
from (select distinct date_trunc('month', day) as m from sensor_grade_unpartitioned) months;

insert into sensor_grade select * from sensor_grade_unpartitioned;

do $$
begin
    if (select count(*) from sensor_grade) <> (select count(*) from sensor_grade_unpartitioned) then
        raise exception 'sensor grades not moved';
    end if;
end $$;

drop table sensor_grade_unpartitioned;
