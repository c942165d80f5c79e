-- Where the sessions auth-service opened come from: Keycloak sees only auth-service at its token endpoint.
create table login_session (
    session_id  varchar(255) primary key,
    user_id     uuid         not null,
    ip_address  varchar(64),
    user_agent  varchar(512),
    created_at  timestamptz  not null default now()
);

create index login_session_user_idx on login_session (user_id);
create index login_session_created_idx on login_session (created_at);

-- One-time password reset tokens, stored as SHA-256 hashes (hex); the token itself only ever leaves in the
-- notification message. A token is spent when used or when a newer one is issued for the same user.
create table password_reset_token (
    id            uuid        primary key,
    user_id       uuid        not null,
    token_hash    char(64)    not null unique,
    created_at    timestamptz not null default now(),
    expires_at    timestamptz not null,
    used_at       timestamptz,
    requested_ip  varchar(64)
);

create index password_reset_token_open_idx on password_reset_token (user_id) where used_at is null;

-- Organization API clients; the credentials live in Keycloak (keycloak_id is its internal id of the client).
create table api_client (
    id               uuid         primary key,
    organization_id  uuid         not null,
    name             varchar(255) not null,
    client_id        varchar(255) not null unique,
    keycloak_id      varchar(64)  not null,
    created_by       varchar(255) not null,
    created_at       timestamptz  not null default now(),
    revoked_at       timestamptz,
    revoked_by       varchar(255)
);

create index api_client_active_idx on api_client (organization_id, created_at desc) where revoked_at is null;
