-- An override (or its revocation) changes the current flag of records without a grading job: it emits grade
-- events too, so that mrv-service recomputes the plant-days it touches.
alter table grade_event alter column job_id drop not null;
alter table grade_event add column override_id bigint references override (id);
alter table grade_event add constraint grade_event_source check (job_id is not null or override_id is not null);
