-- The rule "a day's approval state is the latest decision covering it", written once: the views and the figures'
-- store both call it (a SQL function of one statement, inlined into the queries that call it).
create function covering_decision(p_plant text, p_day date) returns table (approval_id bigint, decision text)
language sql stable as $$
    select a.id, a.decision from mrv.approval a
    where a.plant = p_plant and p_day between a.from_day and a.to_day
    order by a.id desc
    limit 1
$$;
