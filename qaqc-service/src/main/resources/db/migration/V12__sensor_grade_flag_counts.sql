-- Each compact row's readings per flag, written by the grader with the row: a plant-month summary sums about 60
-- rows' counts instead of unnesting some 90,000 readings and looking for an override of each. The few sensor-days an
-- active override touches are counted reading by reading (GradeReadRepository.summary).
alter table sensor_grade add column good_count integer, add column not_evaluated_count integer,
    add column suspect_count integer, add column fail_count integer, add column missing_count integer;

update sensor_grade g
set (good_count, not_evaluated_count, suspect_count, fail_count, missing_count) =
    (select count(*) filter (where x.flag = 1), count(*) filter (where x.flag = 2), count(*) filter (where x.flag = 3),
            count(*) filter (where x.flag = 4), count(*) filter (where x.flag = 9)
     from unnest(g.outcomes) u(outcome) join sensor_outcome x on x.job_id = g.job_id and x.outcome = u.outcome);

alter table sensor_grade alter column good_count set not null, alter column not_evaluated_count set not null,
    alter column suspect_count set not null, alter column fail_count set not null,
    alter column missing_count set not null,
    add constraint sensor_grade_counts_cover_readings check (good_count + not_evaluated_count + suspect_count
        + fail_count + missing_count = cardinality(outcomes));

-- Whether an override can cover any reading of a compact row (its plant, sensor, local day and id range): the
-- row-level test of override_covers.
create function override_touches(o qaqc.override, p_plant text, p_sensor text, p_day date, p_first bigint,
                                 p_last bigint) returns boolean
language sql immutable as $$
    select (o.record_type is null or o.record_type = 'sensor')
       and case when o.record_ids is not null
                then exists (select 1 from unnest(o.record_ids) r where r between p_first and p_last)
                else o.plant = p_plant and (o.parameter is null or o.parameter = p_sensor)
                     and o.from_ts < p_day + 1 and o.to_ts >= p_day end
$$;
