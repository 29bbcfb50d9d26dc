-- qaqc's published contract (v_record_flag, v_sensor_day) and the sensor grades as a row per reading (qaqc's own
-- reads). The one place their text lives: Flyway applies this file again whenever it changes; a versioned migration
-- that changes a table under a view drops the views first and changes this file in the same release.
drop view if exists v_record_flag, sensor_grade_reading, v_sensor_day, v_plant_revision cascade;

-- Every sensor grade, a row per reading: ts is the plant's local time (as lab and ops days are), at the instant. A
-- filter on day reaches only its months' partitions of sensor_grade.
create view sensor_grade_reading as
select c.job_id, c.config_version, c.upload_id, c.plant, c.sensor_id, c.day, c.first_record_id, c.last_record_id,
       u.record_id, (u.ts at time zone c.time_zone) as ts, x.flag, x.test_names, x.test_flags, x.reasons, c.graded_at,
       u.ts as at
from sensor_grade c
cross join lateral unnest(c.record_ids, c.ts, c.outcomes) as u(record_id, ts, outcome)
join sensor_outcome x on x.job_id = c.job_id and x.outcome = u.outcome;

-- The current grade of every record, the newest active override applied: lab and ops from their grade rows (latest
-- job of each record), sensors from the current job of their upload. ts is local plant time (a lab or ops record's
-- day at 00:00), day its local calendar day, at a sensor reading's instant (null for lab and ops). A filter on
-- record_type removes the branch of the other types; plant, parameter (sensor_id) and day reach the sensor rows'
-- index before their arrays are unnested.
create view v_record_flag as
select l.record_type, l.record_id, l.plant, l.parameter, l.ts, l.day,
       coalesce(o.flag, l.flag) as flag, l.flag as auto_flag, o.id as override_id, l.config_version, l.job_id,
       l.test_names, l.test_flags, l.reasons, l.at
from (select g.record_type, g.record_id, g.plant, g.parameter, g.ts, g.ts::date as day, g.flag, g.config_version,
             g.job_id, g.test_names, g.test_flags, g.reasons, null::timestamptz as at
      from (select distinct on (record_type, record_id, plant, ts) record_type, record_id, job_id, config_version,
                   flag, plant, parameter, ts, test_names, test_flags, reasons
            from grade
            order by record_type, record_id, plant, ts, job_id desc) g
      union all
      select 'sensor'::text, s.record_id, s.plant, s.sensor_id, s.ts, s.day, s.flag, s.config_version, s.job_id,
             s.test_names, s.test_flags, s.reasons, s.at
      from sensor_grade_reading s
      join sensor_current_job cur on cur.upload_id = s.upload_id and cur.job_id = s.job_id) l
left join lateral override_of(l.record_type, l.record_id, l.plant, l.parameter, l.ts) o on true;

-- Each sensor-day's completeness from its latest grading (local calendar days of the plant). plant, sensor_id and
-- day lead the DISTINCT ON, so a filter on them reaches the primary key.
create view v_sensor_day as
select distinct on (plant, sensor_id, day) plant, sensor_id, day, expected_minutes, present_minutes,
       completeness_pct, gaps, config_version, job_id, graded_at
from sensor_day
order by plant, sensor_id, day, job_id desc;

-- A counter per plant that moves with every commit that may change the plant's grades (a grading job, an override,
-- a revocation); 0 for a plant never graded. An answer read after reading the revision is still current while the
-- revision is the same.
create view v_plant_revision as
select plant, revision from plant_revision;
