-- A profile mirror of each Keycloak account, keyed by the token subject.
create table users (
    id         uuid primary key,
    email      varchar(320) not null,
    name       varchar(255) not null,
    locale     varchar(16)  not null default 'en',
    status     varchar(16)  not null default 'active',
    created_at timestamptz  not null default now(),
    updated_at timestamptz  not null default now(),
    deleted_at timestamptz
);

create unique index users_email_key on users (lower(email)) where deleted_at is null;

create table organizations (
    id         uuid primary key,
    name       varchar(255) not null,
    slug       varchar(63)  not null,
    status     varchar(16)  not null default 'active',
    plan       varchar(16)  not null default 'free',
    created_at timestamptz  not null default now(),
    updated_at timestamptz  not null default now(),
    deleted_at timestamptz
);

create unique index organizations_slug_key on organizations (slug) where deleted_at is null;

create table memberships (
    organization_id uuid        not null references organizations (id),
    user_id         uuid        not null references users (id),
    role            varchar(64) not null,
    status          varchar(16) not null default 'active',
    joined_at       timestamptz not null default now(),
    primary key (organization_id, user_id)
);

create index memberships_user_idx on memberships (user_id);
