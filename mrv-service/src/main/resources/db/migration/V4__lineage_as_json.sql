-- Lineage and triggers are written once and read whole (never queried inside): json keeps their text as
-- written, without jsonb's parse and re-encode on every insert (a third of the time of storing 18k figures).
alter table removal alter column inputs type json using inputs::json;
alter table removal alter column trigger type json using trigger::json;
-- Stored out of line without compression: pglz on every 2-3 KB lineage cost more than the bytes it saved.
alter table removal alter column inputs set storage external;
