-- mrv's views: every version with its state, and the figure served for each plant-day with its approval state. The
-- one place their text lives: Flyway applies this file again whenever it changes; a versioned migration that changes
-- a table under a view drops the views first and changes this file in the same release.
drop view if exists v_removal_day, removal cascade;

-- Every version with its state, as the table was before V7.
create view removal as
select v.plant, v.day, v.version,
       case v.version when s.current_version then 'CURRENT' when s.pending_version then 'PENDING'
                      else 'SUPERSEDED' end as state,
       v.flag, v.message, v.needs_review, v.review_reasons, v.flow_mgd, v.ca_upstream_mg_per_l,
       v.ca_downstream_mg_per_l, v.delta_ca_mg_per_l, v.n_upstream, v.n_downstream, v.co2_t, v.u_co2_t, v.u_co2_ca_t,
       v.u_co2_flow_t, v.conservative_co2_t, v.qaqc_config_versions, v.methodology_id, v.inputs, v.fingerprint,
       v.trigger, v.computed_at, x.superseded_at, x.superseded_by_version, v.plant_version
from removal_version v
join removal_state s on s.plant = v.plant and s.day = v.day
left join removal_supersession x on x.plant = v.plant and x.day = v.day and x.version = v.version;

-- The figure served for each plant-day (its current version) with its approval state: the latest decision covering
-- the day, CHANGED_AFTER_APPROVAL when an approved day has a recomputed figure waiting.
create view v_removal_day as
select r.plant, r.day, r.version, r.flag, r.message, r.needs_review, r.review_reasons, r.flow_mgd,
       r.ca_upstream_mg_per_l, r.ca_downstream_mg_per_l, r.delta_ca_mg_per_l, r.n_upstream, r.n_downstream, r.co2_t,
       r.u_co2_t, r.u_co2_ca_t, r.u_co2_flow_t, r.conservative_co2_t, r.qaqc_config_versions, r.methodology_id,
       r.computed_at,
       case when a.decision is null then 'UNREVIEWED'
            when a.decision = 'APPROVED' and s.pending_version is not null then 'CHANGED_AFTER_APPROVAL'
            else a.decision end as approval_state,
       a.approval_id, s.pending_version, p.flag as pending_flag, p.co2_t as pending_co2_t, r.plant_version
from removal_state s
join removal_version r on r.plant = s.plant and r.day = s.day and r.version = s.current_version
left join lateral covering_decision(s.plant, s.day) a on true
left join removal_version p on p.plant = s.plant and p.day = s.day and p.version = s.pending_version;
