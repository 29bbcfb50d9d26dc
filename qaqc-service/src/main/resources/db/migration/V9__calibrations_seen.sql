-- Each calibration ingest publishes is seen once: its first sight re-grades the uploads that logged the sensor since
-- (uploads after that are graded with it). The row makes replicas agree on that first sight.
create table calibration_seen (
    calibration_id bigint primary key,
    seen_at        timestamptz not null default now()
);
