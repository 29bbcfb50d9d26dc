-- qaqc schema: versioned configuration, grading jobs (the work queue fed by ingest.upload_event), append-only
-- grades with every test's result, per-day sensor completeness, reviewer overrides, and the published contract
-- (v_record_flag, grade_event) that mrv-service reads.

create table config_version (
    version    integer primary key,
    config     jsonb       not null,
    created_at timestamptz not null default now(),
    created_by text        not null,
    comment    text
);

-- Work queue. 'upload' jobs mirror ingest.upload_event (one each, source_event_id unique); 'regrade' jobs
-- come from a new configuration version. Claimed with FOR UPDATE SKIP LOCKED; done in the grading transaction;
-- parked with the error after max-attempts failures.
create table job (
    id              bigint generated always as identity primary key,
    kind            text        not null check (kind in ('upload', 'regrade')),
    source_event_id bigint unique,
    upload_id       bigint      not null,
    record_type     text        not null,
    config_version  integer,
    status          text        not null default 'PENDING' check (status in ('PENDING', 'DONE', 'PARKED')),
    attempts        integer     not null default 0,
    last_error      text,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    done_at         timestamptz
);
create index job_pending on job (id) where status = 'PENDING';

-- One row per record and grading: never updated. The current grade of a record is its latest (highest job).
-- test_names and test_flags are parallel arrays; reasons holds the non-GOOD tests' reasons.
create table grade (
    record_type    text       not null check (record_type in ('lab', 'sensor', 'ops')),
    record_id      bigint     not null,
    job_id         bigint     not null,
    config_version integer    not null,
    flag           smallint   not null,
    test_names     text[]     not null,
    test_flags     smallint[] not null,
    reasons        text[]     not null,
    plant          text       not null,
    -- lab: parameter; sensor: sensor id; ops: the graded quantity (effluent_flow_mgd)
    parameter      text       not null,
    -- sensor: the reading's local time; lab and ops: the day at 00:00
    ts             timestamp  not null,
    graded_at      timestamptz not null default now()
);
-- grades are appended per job in record order: BRIN keeps the COPY fast; lab/ops lookups use the B-tree
create index grade_record_brin on grade using brin (record_id);
create index grade_job on grade using brin (job_id);
create index grade_plant_ts on grade (plant, ts) where record_type <> 'sensor';

-- Sensor completeness per day, per grading.
create table sensor_day (
    job_id            bigint       not null,
    config_version    integer      not null,
    plant             text         not null,
    sensor_id         text         not null,
    day               date         not null,
    expected_minutes  integer      not null,
    present_minutes   integer      not null,
    completeness_pct  double precision not null,
    gaps              jsonb        not null default '[]',
    graded_at         timestamptz  not null default now(),
    primary key (plant, sensor_id, day, job_id)
);

create table override (
    id          bigint generated always as identity primary key,
    record_type text,
    record_ids  bigint[],
    plant       text,
    parameter   text,
    from_ts     timestamp,
    to_ts       timestamp,
    flag        smallint    not null check (flag in (1, 2, 3, 4, 9)),
    reason      text        not null check (length(trim(reason)) > 0),
    created_by  text        not null,
    created_at  timestamptz not null default now(),
    revoked_at  timestamptz,
    revoked_by  text,
    revoke_reason text,
    check (record_ids is not null or (plant is not null and from_ts is not null and to_ts is not null))
);

-- For mrv-service: plant-days whose grades changed, written in the grading transaction.
create table grade_event (
    id          bigint generated always as identity primary key,
    job_id      bigint      not null,
    plant       text        not null,
    day         date        not null,
    record_type text        not null,
    created_at  timestamptz not null default now()
);
