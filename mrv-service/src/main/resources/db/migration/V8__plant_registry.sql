-- Figures name the plant registry version they used (sampling points, flow meter uncertainty: ingest's v_plant);
-- null for figures computed before it existed. plant_applied: the registry version whose change every stored day of
-- the plant has been recomputed for (the worker recomputes a plant when ingest publishes a newer one).
alter table removal_version add column plant_version integer;

create table plant_applied (
    plant      text        primary key,
    version    integer     not null,
    applied_at timestamptz not null default now()
);
