-- Same columns as before. plant and ts are attributes of a record (equal in all its grades), so adding them to
-- DISTINCT ON keeps one row per record while letting a filter on plant and ts reach into the subquery (and the
-- (plant, ts) index): a consumer reading one plant's days no longer sorts every grade of every plant.
create or replace view v_record_flag as
select l.record_type, l.record_id, l.plant, l.parameter, l.ts, l.ts::date as day,
       coalesce(o.flag, l.flag) as flag, l.flag as auto_flag, o.id as override_id, l.config_version, l.job_id,
       l.test_names, l.test_flags, l.reasons
from (select distinct on (record_type, record_id, plant, ts) record_type, record_id, job_id, config_version, flag,
             plant, parameter, ts, test_names, test_flags, reasons
      from grade
      order by record_type, record_id, plant, ts, job_id desc) l
left join lateral (
    select o.id, o.flag
    from override o
    where o.revoked_at is null
      and (o.record_type is null or o.record_type = l.record_type)
      and (l.record_id = any (o.record_ids)
           or (o.record_ids is null and o.plant = l.plant and (o.parameter is null or o.parameter = l.parameter)
               and l.ts between o.from_ts and o.to_ts))
    order by o.id desc
    limit 1) o on true;
