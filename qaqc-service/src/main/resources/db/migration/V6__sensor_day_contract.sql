-- Published contract: each sensor-day's completeness from its latest grading (the dashboard plots it next to the
-- pH statistics). plant, sensor_id and day lead the DISTINCT ON, so a filter on them reaches the primary key.
create view v_sensor_day as
select distinct on (plant, sensor_id, day) plant, sensor_id, day, expected_minutes, present_minutes,
       completeness_pct, gaps, config_version, job_id, graded_at
from sensor_day
order by plant, sensor_id, day, job_id desc;
