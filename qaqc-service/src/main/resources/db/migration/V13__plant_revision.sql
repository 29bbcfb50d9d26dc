-- A counter per plant that moves whenever qaqc's grades of the plant may have changed: every grade_event row (a
-- grading job's days, an override's or a revocation's days) is written in the transaction that changes them. Readers
-- keep answers per revision (the grade summary and pages, mrv's dashboard context): the revision read before an
-- answer's data names it, and a commit that changes the data moves it. A trigger, not the service's code, moves it,
-- so every writer of grade events does, whatever its version. No row: revision 0.
-- Deferred to the commit: the row lock that orders concurrent jobs' bumps is the last lock a job takes, held only
-- while it commits.
create table plant_revision (
    plant      text        primary key,
    revision   bigint      not null,
    changed_at timestamptz not null default now()
);

create function plant_revision_of_event() returns trigger language plpgsql as $$
begin
    insert into qaqc.plant_revision as r (plant, revision) values (new.plant, 1)
    on conflict (plant) do update set revision = r.revision + 1, changed_at = now();
    return null;
end $$;

create constraint trigger grade_event_plant_revision after insert on grade_event
    deferrable initially deferred for each row execute function plant_revision_of_event();
