-- A stored figure is never updated again: which version of a day is current or pending lives in a narrow row per
-- plant-day (removal_state), and each supersession is appended (removal_supersession). Superseding a figure used to
-- rewrite its wide row (measured in psql on 18,270 figures: 335-369 ms; the narrow state update plus the appended
-- supersessions 190-265 ms, and finding a day's latest versions no longer reads every version's row).
-- mrv.removal stays, as a view with the table's columns.
drop view v_removal_day;
drop index removal_current;
drop index removal_pending;
alter table removal rename to removal_version;
alter index removal_pkey rename to removal_version_pkey;

-- The served (CURRENT) and waiting (PENDING) version of each plant-day with their fingerprints, and the day's
-- latest version number. Every day with figures has a current version. Updated in place, only under the plant's
-- advisory lock (RemovalStore.lockPlants). Half of each page is left free so that an update can stay in its page
-- (HOT: no indexed column changes): in psql, updating 18,270 days took 99 ms at fillfactor 50, 174 ms at 80.
create table removal_state (
    plant               text    not null,
    day                 date    not null,
    current_version     integer not null,
    current_fingerprint text    not null,
    pending_version     integer,
    pending_fingerprint text,
    latest_version      integer not null,
    primary key (plant, day),
    check ((pending_version is null) = (pending_fingerprint is null)),
    check (pending_version is null or pending_version > current_version),
    check (greatest(current_version, pending_version) <= latest_version)
) with (fillfactor = 50);

-- When and by which version a version stopped being current or pending (once each).
create table removal_supersession (
    plant                 text        not null,
    day                   date        not null,
    version               integer     not null,
    superseded_by_version integer     not null,
    superseded_at         timestamptz not null default now(),
    primary key (plant, day, version)
);

insert into removal_state (plant, day, current_version, current_fingerprint, pending_version, pending_fingerprint,
                           latest_version)
select plant, day, max(version) filter (where state = 'CURRENT'), max(fingerprint) filter (where state = 'CURRENT'),
       max(version) filter (where state = 'PENDING'), max(fingerprint) filter (where state = 'PENDING'), max(version)
from removal_version group by plant, day;
insert into removal_supersession (plant, day, version, superseded_by_version, superseded_at)
select plant, day, version, superseded_by_version, coalesce(superseded_at, computed_at)
from removal_version where state = 'SUPERSEDED';

do $$
begin
    if (select count(*) from removal_version) <> (select count(*) from removal_state)
            + (select count(*) from removal_state where pending_version is not null)
            + (select count(*) from removal_supersession) then
        raise exception 'V7: every stored figure must be current, pending or superseded exactly once';
    end if;
end $$;

alter table removal_version drop column state, drop column superseded_at, drop column superseded_by_version;

-- Nothing a reviewer may have seen is changed or removed (V6's narrower check on the methodology is now part of it).
drop trigger removal_methodology_unchanged on removal_version;
drop function removal_methodology_kept();
create function removal_version_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'stored figures are append-only: a figure (its numbers, lineage and methodology) is never changed '
        'or removed, a change is a new version (% refused)', tg_op;
end $$;
create trigger removal_version_no_update_or_delete before update or delete on removal_version for each row
    execute function removal_version_append_only();
create trigger removal_version_no_truncate before truncate on removal_version for each statement
    execute function removal_version_append_only();

-- Every version with its state, as the table was before V7.
create view removal as
select v.plant, v.day, v.version,
       case v.version when s.current_version then 'CURRENT' when s.pending_version then 'PENDING'
                      else 'SUPERSEDED' end as state,
       v.flag, v.message, v.needs_review, v.review_reasons, v.flow_mgd, v.ca_upstream_mg_per_l,
       v.ca_downstream_mg_per_l, v.delta_ca_mg_per_l, v.n_upstream, v.n_downstream, v.co2_t, v.u_co2_t, v.u_co2_ca_t,
       v.u_co2_flow_t, v.conservative_co2_t, v.qaqc_config_versions, v.methodology_id, v.inputs, v.fingerprint,
       v.trigger, v.computed_at, x.superseded_at, x.superseded_by_version
from removal_version v
join removal_state s on s.plant = v.plant and s.day = v.day
left join removal_supersession x on x.plant = v.plant and x.day = v.day and x.version = v.version;

-- As before V7: the figure served for each plant-day with its approval state.
create view v_removal_day as
select r.plant, r.day, r.version, r.flag, r.message, r.needs_review, r.review_reasons, r.flow_mgd,
       r.ca_upstream_mg_per_l, r.ca_downstream_mg_per_l, r.delta_ca_mg_per_l, r.n_upstream, r.n_downstream, r.co2_t,
       r.u_co2_t, r.u_co2_ca_t, r.u_co2_flow_t, r.conservative_co2_t, r.qaqc_config_versions, r.methodology_id,
       r.computed_at,
       case when a.decision is null then 'UNREVIEWED'
            when a.decision = 'APPROVED' and s.pending_version is not null then 'CHANGED_AFTER_APPROVAL'
            else a.decision end as approval_state,
       a.id as approval_id, s.pending_version, p.flag as pending_flag, p.co2_t as pending_co2_t
from removal_state s
join removal_version r on r.plant = s.plant and r.day = s.day and r.version = s.current_version
left join lateral (select a.id, a.decision from approval a
                   where a.plant = s.plant and s.day between a.from_day and a.to_day
                   order by a.id desc limit 1) a on true
left join removal_version p on p.plant = s.plant and p.day = s.day and p.version = s.pending_version;
