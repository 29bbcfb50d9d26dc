-- A counter per plant that moves whenever what ingest publishes about the plant may have changed: an accepted upload
-- naming it (its upload_event row, written in the upload's transaction), a new version of its registration (a zone
-- change also makes its day statistics again, in that transaction) and any change to its calibrations. Readers
-- keep answers per revision (the plant-day of readings, mrv's dashboard context): the revision read before an
-- answer's data names it, and a commit that changes the data moves it. Triggers, not the services' code, move it,
-- so every writer of these tables does, whatever its version. No row: revision 0.
-- The triggers are deferred to the commit: the row lock that orders concurrent writers' bumps is the last lock a
-- transaction takes (after the plant's advisory locks an upload or a zone change holds), held only while it commits.
create table plant_revision (
    plant      text        primary key,
    revision   bigint      not null,
    changed_at timestamptz not null default now()
);

create function bump_plant_revision(plants text[]) returns void language sql as $$
    insert into ingest.plant_revision as r (plant, revision)
    select p, 1 from (select distinct unnest(plants) as p) d where p is not null order by p
    on conflict (plant) do update set revision = r.revision + 1, changed_at = now();
$$;

create function plant_revision_of_event() returns trigger language plpgsql as $$
begin
    perform ingest.bump_plant_revision(new.plants);
    return null;
end $$;

create function plant_revision_of_row() returns trigger language plpgsql as $$
begin
    if tg_op in ('UPDATE', 'DELETE') then
        perform ingest.bump_plant_revision(array[old.plant]);
    end if;
    if tg_op in ('INSERT', 'UPDATE') then
        perform ingest.bump_plant_revision(array[new.plant]);
    end if;
    return null;
end $$;

create constraint trigger upload_event_plant_revision after insert on upload_event
    deferrable initially deferred for each row execute function plant_revision_of_event();

create constraint trigger plant_version_revision after insert on plant_version
    deferrable initially deferred for each row execute function plant_revision_of_row();

create constraint trigger sensor_calibration_revision after insert or update or delete on sensor_calibration
    deferrable initially deferred for each row execute function plant_revision_of_row();
