-- Lineage and triggers are JSON written by this service (Jackson) and parsed only by it: stored as text, COPY no
-- longer runs PostgreSQL's JSON validation over every 2 KB lineage (cast with ::json for ad-hoc queries).
-- They stay out of line (storage external, V4): kept in the row they made every read of the figures wider.
alter table removal alter column inputs type text, alter column trigger type text;
