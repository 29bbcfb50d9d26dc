-- Reporting-period statements: what a registry receives for a plant's period, issued once every day of it is
-- approved. A statement is never changed: issuing again after anything changed adds version n+1 of the same plant
-- and period. document is the statement as issued (JSON text, byte for byte what document_sha256 covers); its days
-- are also rows of statement_day (the figure version of each day), for differences between versions. The evidence
-- package is rebuilt from these and the immutable figures and files, always the same bytes: evidence_sha256.
create table statement (
    id              bigint generated always as identity primary key,
    plant           text             not null,
    from_day        date             not null,
    to_day          date             not null,
    version         integer          not null,
    previous_id     bigint           references statement (id),
    comment         text,
    issued_by       text             not null,
    issued_at       timestamptz      not null,
    days            integer          not null,
    valid_days      integer          not null,
    valid_co2_t     double precision not null,
    u_valid_co2_t   double precision not null,
    conservative_co2_t double precision not null,
    coverage_factor double precision not null,
    document        text             not null,
    document_sha256 char(64)         not null,
    evidence_sha256 char(64)         not null,
    chain_seq       bigint unique,
    prev_hash       char(64),
    hash            char(64),
    unique (plant, from_day, to_day, version),
    check (from_day <= to_day)
);

create table statement_day (
    statement_id       bigint           not null references statement (id),
    plant              text             not null,
    day                date             not null,
    figure_version     integer          not null,
    flag               text             not null,
    co2_t              double precision,
    conservative_co2_t double precision,
    fingerprint        text             not null,
    primary key (statement_id, day)
);

create function statement_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'statements are append-only (% refused): issue a new version instead', tg_op;
end $$;
create trigger statement_no_update_or_delete before update or delete on statement for each row
    execute function statement_append_only();
create trigger statement_no_truncate before truncate on statement for each statement
    execute function statement_append_only();
create trigger statement_day_no_update_or_delete before update or delete on statement_day for each row
    execute function statement_append_only();
create trigger statement_day_no_truncate before truncate on statement_day for each statement
    execute function statement_append_only();

-- The statements' hash chain, as the audit trail's (common R__audit): each statement's hash covers its
-- predecessor's and its canonical content, each field "<UTF-8 byte length>:<text>" or "-" for null: chain_seq, id,
-- plant, from_day, to_day, version, issued_by, issued_at (UTC, microseconds), document_sha256, evidence_sha256.
-- The numbers are in the document its hash covers; the evidence hash matches a package to its statement.
create function statement_hash(prev text, s statement) returns text language sql immutable
        set search_path from current as $$
    select encode(sha256(convert_to(prev || (
        select string_agg(case when f is null then '-' else octet_length(f)::text || ':' || f end, '' order by n)
        from unnest(array[s.chain_seq::text, s.id::text, s.plant, to_char(s.from_day, 'YYYY-MM-DD'),
                          to_char(s.to_day, 'YYYY-MM-DD'), s.version::text, s.issued_by,
                          to_char(s.issued_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                          s.document_sha256, s.evidence_sha256]) with ordinality as u(f, n)),
        'UTF8')), 'hex')
$$;

create function statement_chain() returns trigger language plpgsql set search_path from current as $$
declare
    last record;
begin
    perform pg_advisory_xact_lock(hashtext(tg_table_schema || '.statement'));
    select chain_seq, hash into last from statement where chain_seq is not null order by chain_seq desc limit 1;
    new.chain_seq := coalesce(last.chain_seq, 0) + 1;
    new.prev_hash := coalesce(last.hash, repeat('0', 64));
    new.hash := statement_hash(new.prev_hash, new);
    return new;
end $$;
create trigger statement_chain_insert before insert on statement for each row execute function statement_chain();
