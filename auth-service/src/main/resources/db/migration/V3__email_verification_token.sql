-- One-time email verification tokens, stored as SHA-256 hashes (hex) like password reset tokens: the token itself
-- only ever leaves in the notification message. A token is spent when used or when a newer one is issued.
create table email_verification_token (
    id            uuid         primary key,
    user_id       uuid         not null,
    email         varchar(255) not null,
    token_hash    char(64)     not null unique,
    created_at    timestamptz  not null default now(),
    expires_at    timestamptz  not null,
    used_at       timestamptz
);

create index email_verification_token_open_idx on email_verification_token (user_id) where used_at is null;
