-- Append-only audit trail of a service's schema (every service applies this from common, in its own schema):
-- who (token subject and roles), when, what, on what, with the request id. Updates, deletes and truncation are
-- refused by triggers; the API only reads it. Repeatable and idempotent: re-applied when this file changes.
create table if not exists audit (
    id         bigint generated always as identity primary key,
    at         timestamptz not null default now(),
    subject    text        not null,
    roles      text,
    action     text        not null,
    target     text,
    details    jsonb       not null default '{}',
    request_id text
);
create index if not exists audit_at on audit (at);

create or replace function audit_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit rows are append-only (% refused)', tg_op;
end $$;
create or replace trigger audit_no_update_or_delete before update or delete on audit for each row
    execute function audit_append_only();
create or replace trigger audit_no_truncate before truncate on audit for each statement
    execute function audit_append_only();
