-- One counter, bumped by every transaction that changes what the API serves (figures, approvals). Read-only
-- answers are cached per revision: a replica sees another replica's commit as a new revision.
create table revision (
    id smallint primary key check (id = 1),
    n  bigint   not null
);
insert into revision (id, n) values (1, 0);
