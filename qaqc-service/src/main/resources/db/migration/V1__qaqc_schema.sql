-- The qaqc schema is created by Flyway (quarkus.flyway.create-schemas) with its own history table.
-- Its tables arrive with the qaqc-service issue.
create table service_info (
    key   text primary key,
    value text not null
);
insert into service_info (key, value) values ('schema', 'qaqc');
