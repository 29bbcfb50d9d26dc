-- Daily removals: every version of every plant-day figure, with its lineage; approvals; the work queue fed by
-- qaqc.grade_event; the methodologies (constants, rules and uncertainty settings) figures were computed with.

create table methodology (
    id          integer generated always as identity primary key,
    version     text        not null,
    -- constants, rules and uncertainty settings, as the figures used them
    definition  jsonb       not null,
    fingerprint text        not null unique,
    created_at  timestamptz not null default now()
);

-- Mirror of qaqc.grade_event (once each: unique source event). Claimed in batches with FOR UPDATE SKIP LOCKED;
-- marked done in the recompute transaction; parked with the error after max-attempts failures.
create table event (
    id              bigint generated always as identity primary key,
    source_event_id bigint      not null unique,
    plant           text        not null,
    day             date        not null,
    record_type     text        not null,
    qaqc_job_id     bigint,
    override_id     bigint,
    status          text        not null default 'PENDING' check (status in ('PENDING', 'DONE', 'PARKED')),
    attempts        integer     not null default 0,
    last_error      text,
    created_at      timestamptz not null default now(),
    done_at         timestamptz
);
create index event_pending on event (id) where status = 'PENDING';

-- One row per version of a plant-day figure; never deleted. state: CURRENT (the figure served), PENDING (a
-- recomputed figure held back because the day is approved), SUPERSEDED (an earlier current or pending figure).
create table removal (
    plant                   text             not null,
    day                     date             not null,
    version                 integer          not null,
    state                   text             not null check (state in ('CURRENT', 'PENDING', 'SUPERSEDED')),
    flag                    text             not null check (flag in ('VALID', 'INVALID', 'MISSING_CA_READINGS',
                                                                      'INVALID_FLOW', 'NO_OPS_DATA')),
    message                 text             not null,
    needs_review            boolean          not null,
    review_reasons          text[]           not null,
    flow_mgd                double precision,
    ca_upstream_mg_per_l    double precision,
    ca_downstream_mg_per_l  double precision,
    delta_ca_mg_per_l       double precision,
    n_upstream              integer          not null,
    n_downstream            integer          not null,
    co2_t                   double precision,
    u_co2_t                 double precision,
    u_co2_ca_t              double precision,
    u_co2_flow_t            double precision,
    conservative_co2_t      double precision,
    qaqc_config_versions    integer[]        not null,
    methodology_id          integer          not null references methodology (id),
    -- every input record considered (used or excluded, with why): ids, uploads, files, sheets, rows, flags
    inputs                  jsonb            not null,
    -- identity of the figure (flag, numbers, inputs and their flags, methodology): equal means unchanged
    fingerprint             text             not null,
    -- what caused this version: grade events (qaqc jobs, overrides) or an operator's recompute
    trigger                 jsonb            not null,
    computed_at             timestamptz      not null default now(),
    superseded_at           timestamptz,
    superseded_by_version   integer,
    primary key (plant, day, version)
);
create unique index removal_current on removal (plant, day) where state = 'CURRENT';
create index removal_pending on removal (plant, day) where state = 'PENDING';

-- A reviewer's decision on a plant's period. The latest decision covering a day is the day's approval state;
-- an APPROVED day is locked: recomputed figures wait as PENDING versions.
create table approval (
    id          bigint generated always as identity primary key,
    plant       text        not null,
    from_day    date        not null,
    to_day      date        not null,
    decision    text        not null check (decision in ('APPROVED', 'REJECTED')),
    comment     text        not null check (length(trim(comment)) > 0),
    decided_by  text        not null,
    decided_at  timestamptz not null default now(),
    check (from_day <= to_day)
);
create index approval_plant on approval (plant, from_day, to_day);

-- The exact version of each day a decision was about.
create table approval_day (
    approval_id bigint  not null references approval (id),
    plant       text    not null,
    day         date    not null,
    version     integer not null,
    primary key (approval_id, day)
);

-- Operators' recompute requests (the trigger of the versions they create).
create table recompute_request (
    id            bigint generated always as identity primary key,
    plant         text        not null,
    from_day      date        not null,
    to_day        date        not null,
    requested_by  text        not null,
    requested_at  timestamptz not null default now(),
    days          integer,
    new_versions  integer
);

-- The figure served for each plant-day (its CURRENT version) with its approval state: the latest decision
-- covering the day, CHANGED_AFTER_APPROVAL when an approved day has a recomputed figure waiting.
create view v_removal_day as
select r.plant, r.day, r.version, r.flag, r.message, r.needs_review, r.review_reasons, r.flow_mgd,
       r.ca_upstream_mg_per_l, r.ca_downstream_mg_per_l, r.delta_ca_mg_per_l, r.n_upstream, r.n_downstream, r.co2_t,
       r.u_co2_t, r.u_co2_ca_t, r.u_co2_flow_t, r.conservative_co2_t, r.qaqc_config_versions, r.methodology_id,
       r.computed_at,
       case when a.decision is null then 'UNREVIEWED'
            when a.decision = 'APPROVED' and p.version is not null then 'CHANGED_AFTER_APPROVAL'
            else a.decision end as approval_state,
       a.id as approval_id, p.version as pending_version, p.flag as pending_flag, p.co2_t as pending_co2_t
from removal r
left join lateral (select a.id, a.decision from approval a
                   where a.plant = r.plant and r.day between a.from_day and a.to_day
                   order by a.id desc limit 1) a on true
left join removal p on p.plant = r.plant and p.day = r.day and p.state = 'PENDING'
where r.state = 'CURRENT';
