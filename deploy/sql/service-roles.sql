-- One database role per service, run once by an administrator before the services start (the local run does it
-- on its embedded PostgreSQL). Each role owns its own schema (its Flyway migrations create and change only that
-- schema) and may only read the schemas upstream of it. Replace the three password placeholders, e.g.
--   sed -e "s/\${ingest_password}/$P1/" -e "s/\${qaqc_password}/$P2/" -e "s/\${mrv_password}/$P3/" \
--       deploy/sql/service-roles.sql | psql -h <host> -U <admin> -d mrv
-- Re-running is safe: roles get the new password; objects created earlier are handed to their service's role.
do $roles$
declare
    s text;
    r record;
begin
    foreach s in array array['ingest', 'qaqc', 'mrv'] loop
        if not exists (select 1 from pg_roles where rolname = s || '_svc') then
            execute format('create role %I login', s || '_svc');
        end if;
    end loop;
    execute format('alter role ingest_svc password %L', '${ingest_password}');
    execute format('alter role qaqc_svc password %L', '${qaqc_password}');
    execute format('alter role mrv_svc password %L', '${mrv_password}');
    revoke create on schema public from public;

    foreach s in array array['ingest', 'qaqc', 'mrv'] loop
        execute format('create schema if not exists %I authorization %I', s, s || '_svc');
        execute format('alter schema %I owner to %I', s, s || '_svc');
        -- objects created before the roles existed (a database first run as a superuser)
        for r in select c.relname, c.relkind from pg_class c join pg_namespace n on n.oid = c.relnamespace
                 where n.nspname = s and c.relkind in ('r', 'v', 'p') loop
            -- identity sequences follow their table
            execute format('alter %s %I.%I owner to %I', case r.relkind when 'v' then 'view' else 'table' end,
                           s, r.relname, s || '_svc');
        end loop;
        for r in select p.proname, pg_get_function_identity_arguments(p.oid) as args from pg_proc p
                 join pg_namespace n on n.oid = p.pronamespace where n.nspname = s loop
            execute format('alter function %I.%I(%s) owner to %I', s, r.proname, r.args, s || '_svc');
        end loop;
    end loop;

    -- downstream services read upstream schemas (the published views, and the tables behind them, read-only)
    grant usage on schema ingest to qaqc_svc, mrv_svc;
    grant usage on schema qaqc to mrv_svc;
    grant select on all tables in schema ingest to qaqc_svc, mrv_svc;
    grant select on all tables in schema qaqc to mrv_svc;
    alter default privileges for role ingest_svc in schema ingest grant select on tables to qaqc_svc, mrv_svc;
    alter default privileges for role qaqc_svc in schema qaqc grant select on tables to mrv_svc;
end
$roles$;
