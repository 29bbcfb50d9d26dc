-- Sensor grades in compact form. A sensor job grades every reading of its upload (a million for a large file): a
-- grade row per reading made the COPY of the grades alone slower than the grading rate this service must reach
-- (bench/: 1,000,000 grade rows took 4.5-7 s to COPY). Now a job stores one row per sensor series and day holding
-- the readings' ids, times and outcome numbers as parallel arrays (in time order), and each distinct outcome
-- (which tests ran, each test's flag, the reasons) once. Most readings share one outcome: every test GOOD.
-- Lab and operations grades stay a row per record in grade. The published views keep their columns.

create table sensor_outcome (
    job_id     bigint     not null,
    outcome    integer    not null,
    flag       smallint   not null,
    test_names text[]     not null,
    test_flags smallint[] not null,
    reasons    text[]     not null,
    primary key (job_id, outcome)
);

create table sensor_grade (
    job_id          bigint      not null,
    config_version  integer     not null,
    upload_id       bigint      not null,
    plant           text        not null,
    sensor_id       text        not null,
    day             date        not null,
    -- the smallest and largest record id in the row, so that one record's grades are found without unnesting all
    first_record_id bigint      not null,
    last_record_id  bigint      not null,
    record_ids      bigint[]    not null,
    ts              timestamp[] not null,
    -- sensor_outcome.outcome of each reading (same job)
    outcomes        integer[]   not null,
    graded_at       timestamptz not null default now(),
    check (cardinality(record_ids) > 0 and cardinality(record_ids) = cardinality(ts)
           and cardinality(ts) = cardinality(outcomes))
);
-- Out of line without compression: pglz made the COPY of a million readings' rows 2.1 s of server time instead of
-- 0.4-0.5 s (same rows, bench/ database), for 15 MB instead of 32 MB.
alter table sensor_grade alter column record_ids set storage external, alter column ts set storage external,
    alter column outcomes set storage external;
create index sensor_grade_series_day on sensor_grade (plant, sensor_id, day);
create index sensor_grade_job on sensor_grade (job_id);
create index sensor_grade_record_range on sensor_grade using gist (int8range(first_record_id, last_record_id, '[]'));

-- The latest job that graded each upload's sensor readings (a job grades all of them): its rows are the current
-- grades. Upserted by the job's transaction; the higher job id wins whichever commits first.
create table sensor_current_job (
    upload_id bigint primary key,
    job_id    bigint not null
);

-- Grades written by earlier versions, a row per reading, move to the compact form.
insert into sensor_outcome (job_id, outcome, flag, test_names, test_flags, reasons)
select job_id, (row_number() over (partition by job_id order by flag, test_names, test_flags, reasons) - 1)::integer,
       flag, test_names, test_flags, reasons
from (select distinct job_id, flag, test_names, test_flags, reasons from grade where record_type = 'sensor') d;

insert into sensor_grade (job_id, config_version, upload_id, plant, sensor_id, day, first_record_id, last_record_id,
                          record_ids, ts, outcomes, graded_at)
select g.job_id, min(g.config_version), j.upload_id, g.plant, g.parameter, g.ts::date, min(g.record_id),
       max(g.record_id), array_agg(g.record_id order by g.ts, g.record_id), array_agg(g.ts order by g.ts, g.record_id),
       array_agg(o.outcome order by g.ts, g.record_id), min(g.graded_at)
from grade g
join job j on j.id = g.job_id
join sensor_outcome o on o.job_id = g.job_id and o.flag = g.flag and o.test_names = g.test_names
                     and o.test_flags = g.test_flags and o.reasons = g.reasons
where g.record_type = 'sensor'
group by g.job_id, j.upload_id, g.plant, g.parameter, g.ts::date;

insert into sensor_current_job (upload_id, job_id)
select upload_id, max(job_id) from sensor_grade group by upload_id;

do $$
begin
    if (select count(*) from grade where record_type = 'sensor')
       <> (select coalesce(sum(cardinality(record_ids)), 0) from sensor_grade) then
        raise exception 'sensor grades without their job: not moved';
    end if;
end $$;

delete from grade where record_type = 'sensor';
alter table grade drop constraint grade_record_type_check;
alter table grade add constraint grade_record_type_check check (record_type in ('lab', 'ops'));

-- Every sensor grade, a row per reading (qaqc's own reads; v_record_flag is the published form).
create view sensor_grade_reading as
select c.job_id, c.config_version, c.upload_id, c.plant, c.sensor_id, c.day, c.first_record_id, c.last_record_id,
       u.record_id, u.ts, x.flag, x.test_names, x.test_flags, x.reasons, c.graded_at
from sensor_grade c
cross join lateral unnest(c.record_ids, c.ts, c.outcomes) as u(record_id, ts, outcome)
join sensor_outcome x on x.job_id = c.job_id and x.outcome = u.outcome;

-- The rule of which records an override covers: by id (and type), or by plant, optional parameter and time range.
-- One definition for the published view, the grade events of an override and a record's history.
create function override_covers(o qaqc.override, p_record_type text, p_record_id bigint, p_plant text,
                                p_parameter text, p_ts timestamp) returns boolean
language sql immutable as $$
    select (o.record_type is null or o.record_type = p_record_type)
       and (p_record_id = any (o.record_ids)
            or (o.record_ids is null and o.plant = p_plant and (o.parameter is null or o.parameter = p_parameter)
                and p_ts between o.from_ts and o.to_ts))
$$;

-- The newest active override of a record, if any (inlined into the queries that call it).
create function override_of(p_record_type text, p_record_id bigint, p_plant text, p_parameter text,
                            p_ts timestamp) returns table (id bigint, flag smallint)
language sql stable as $$
    select o.id, o.flag from qaqc.override o
    where o.revoked_at is null and qaqc.override_covers(o, p_record_type, p_record_id, p_plant, p_parameter, p_ts)
    order by o.id desc
    limit 1
$$;

-- Same columns as before: lab and ops from their grade rows (latest job of each record), sensors from the current
-- job of their upload; the newest active override applied. A filter on record_type removes the branch of the other
-- types; plant, parameter (sensor_id) and day reach the sensor rows' index before their arrays are unnested.
create or replace view v_record_flag as
select l.record_type, l.record_id, l.plant, l.parameter, l.ts, l.day,
       coalesce(o.flag, l.flag) as flag, l.flag as auto_flag, o.id as override_id, l.config_version, l.job_id,
       l.test_names, l.test_flags, l.reasons
from (select g.record_type, g.record_id, g.plant, g.parameter, g.ts, g.ts::date as day, g.flag, g.config_version,
             g.job_id, g.test_names, g.test_flags, g.reasons
      from (select distinct on (record_type, record_id, plant, ts) record_type, record_id, job_id, config_version,
                   flag, plant, parameter, ts, test_names, test_flags, reasons
            from grade
            order by record_type, record_id, plant, ts, job_id desc) g
      union all
      select 'sensor'::text, s.record_id, s.plant, s.sensor_id, s.ts, s.day, s.flag, s.config_version, s.job_id,
             s.test_names, s.test_flags, s.reasons
      from sensor_grade_reading s
      join sensor_current_job cur on cur.upload_id = s.upload_id and cur.job_id = s.job_id) l
left join lateral override_of(l.record_type, l.record_id, l.plant, l.parameter, l.ts) o on true;
