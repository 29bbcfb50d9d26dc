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

-- Tamper evidence: every row is chained to the one before it. chain_seq numbers the rows in the order their
-- transactions took the chain's lock (ids are handed out before that, so they may interleave); hash covers the
-- predecessor's hash and the row's canonical content: each field as "<UTF-8 byte length>:<text>" or "-" for null.
-- GET /api/v1/audit/verify recomputes the chain in Java from the stored fields.
alter table audit add column if not exists chain_seq bigint;
alter table audit add column if not exists prev_hash text;
alter table audit add column if not exists hash text;
create unique index if not exists audit_chain_seq on audit (chain_seq);

create or replace function audit_hash(prev text, seq bigint, at timestamptz, subject text, roles text, action text,
        target text, details jsonb, request_id text) returns text language sql immutable
        set search_path from current as $$
    select encode(sha256(convert_to(prev || (
        select string_agg(case when f is null then '-' else octet_length(f)::text || ':' || f end, '' order by n)
        from unnest(array[seq::text, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), subject,
                          roles, action, target, details::text, request_id]) with ordinality as u(f, n)),
        'UTF8')), 'hex')
$$;

-- Rows written before the chain existed are chained once, in id order.
do $$
declare
    r record;
    last_seq bigint;
    last_hash text;
begin
    if exists (select 1 from audit where hash is null) then
        alter table audit disable trigger audit_no_update_or_delete;
        select chain_seq, hash into last_seq, last_hash from audit where chain_seq is not null
            order by chain_seq desc limit 1;
        for r in select * from audit where hash is null order by id loop
            last_seq := coalesce(last_seq, 0) + 1;
            update audit set chain_seq = last_seq, prev_hash = coalesce(last_hash, repeat('0', 64)),
                   hash = audit_hash(coalesce(last_hash, repeat('0', 64)), last_seq, r.at, r.subject, r.roles,
                                     r.action, r.target, r.details, r.request_id)
             where id = r.id returning hash into last_hash;
        end loop;
        alter table audit enable trigger audit_no_update_or_delete;
    end if;
end $$;

create or replace function audit_chain() returns trigger language plpgsql set search_path from current as $$
declare
    last record;
begin
    -- one writer at a time extends the chain; held to the end of the writing transaction
    perform pg_advisory_xact_lock(hashtext(tg_table_schema || '.audit'));
    select chain_seq, hash into last from audit where chain_seq is not null order by chain_seq desc limit 1;
    new.chain_seq := coalesce(last.chain_seq, 0) + 1;
    new.prev_hash := coalesce(last.hash, repeat('0', 64));
    new.hash := audit_hash(new.prev_hash, new.chain_seq, new.at, new.subject, new.roles, new.action, new.target,
                           new.details, new.request_id);
    return new;
end $$;
create or replace trigger audit_chain_insert before insert on audit for each row execute function audit_chain();
