-- Organization settings, member status, custom roles, invitations, and full-text search over users.
alter table organizations add column settings jsonb not null default '{}'::jsonb;

alter table memberships add column updated_at timestamptz not null default now();
alter table memberships add column deleted_at timestamptz;
-- Lists and permission answers only ever read live memberships.
create index memberships_org_live_idx on memberships (organization_id, joined_at) where deleted_at is null;

alter table users add column search tsvector
    generated always as (to_tsvector('simple', coalesce(name, '') || ' ' || coalesce(email, ''))) stored;
create index users_search_idx on users using gin (search) where deleted_at is null;

create table roles (
    id              uuid primary key,
    organization_id uuid         not null references organizations (id),
    name            varchar(64)  not null,
    description     varchar(255),
    permissions     text[]       not null,
    created_at      timestamptz  not null default now(),
    updated_at      timestamptz  not null default now()
);
create unique index roles_org_name_key on roles (organization_id, lower(name));

create table invitations (
    id              uuid primary key,
    organization_id uuid         not null references organizations (id),
    email           varchar(320) not null,
    role            varchar(64)  not null,
    token_hash      char(64)     not null,
    invited_by      uuid         not null,
    status          varchar(16)  not null default 'pending',
    expires_at      timestamptz  not null,
    created_at      timestamptz  not null default now(),
    accepted_at     timestamptz,
    accepted_by     uuid
);
create unique index invitations_token_hash_key on invitations (token_hash);
create index invitations_org_idx on invitations (organization_id, created_at desc) where status = 'pending';
