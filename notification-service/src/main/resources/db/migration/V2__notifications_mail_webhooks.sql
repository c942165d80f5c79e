-- What this service knows of people and organizations, mirrored from events: whom to write to, in which language,
-- and who owns an organization.
create table recipient (
    user_id    uuid primary key,
    email      varchar(320) not null,
    name       varchar(255) not null,
    locale     varchar(35)  not null default 'en',
    updated_at timestamptz  not null default now()
);

create index recipient_email_idx on recipient (lower(email));

create table organization_mirror (
    id         uuid primary key,
    name       varchar(255) not null,
    deleted    boolean      not null default false,
    updated_at timestamptz  not null default now()
);

create table organization_member (
    organization_id uuid        not null,
    user_id         uuid        not null,
    role            varchar(64) not null,
    active          boolean     not null default true,
    updated_at      timestamptz not null default now(),
    primary key (organization_id, user_id)
);

create index organization_member_owner_idx on organization_member (organization_id) where role = 'owner' and active;

-- Emails wait here until the SMTP server took them; the unique key makes a redelivered event send nothing new.
-- Bodies are cleared once sent: they may carry one-time links.
create table outgoing_mail (
    id              uuid primary key,
    dedup_key       varchar(400) not null unique,
    template        varchar(64)  not null,
    recipient       varchar(320) not null,
    locale          varchar(35)  not null,
    subject         varchar(500) not null,
    html_body       text,
    text_body       text,
    status          varchar(16)  not null default 'pending',
    attempts        integer      not null default 0,
    next_attempt_at timestamptz,
    last_error      text,
    created_at      timestamptz  not null default now(),
    sent_at         timestamptz
);

create index outgoing_mail_due_idx on outgoing_mail (next_attempt_at) where status = 'pending';

create table notification (
    id              uuid primary key,
    user_id         uuid         not null,
    organization_id uuid,
    event_id        varchar(255) not null,
    type            varchar(64)  not null,
    title           varchar(500) not null,
    body            text         not null,
    data            jsonb        not null default '{}',
    read_at         timestamptz,
    created_at      timestamptz  not null default now(),
    unique (user_id, event_id, type)
);

create index notification_user_idx on notification (user_id, created_at desc, id desc);
create index notification_unread_idx on notification (user_id) where read_at is null;

create table webhook (
    id                   uuid primary key,
    organization_id      uuid          not null,
    url                  varchar(2048) not null,
    description          varchar(500),
    event_types          text[]        not null,
    active               boolean       not null default true,
    secret_ciphertext    text          not null,
    consecutive_failures integer       not null default 0,
    disabled_reason      varchar(255),
    created_at           timestamptz   not null default now(),
    updated_at           timestamptz   not null default now()
);

create index webhook_organization_idx on webhook (organization_id);

create table webhook_delivery (
    id              uuid primary key,
    webhook_id      uuid         not null references webhook (id) on delete cascade,
    organization_id uuid         not null,
    event_id        varchar(255) not null,
    event_type      varchar(255) not null,
    payload         text         not null,
    status          varchar(16)  not null default 'pending',
    attempts        integer      not null default 0,
    round_attempts  integer      not null default 0,
    response_status integer,
    next_attempt_at timestamptz,
    created_at      timestamptz  not null default now(),
    delivered_at    timestamptz,
    unique (webhook_id, event_id)
);

create index webhook_delivery_due_idx on webhook_delivery (next_attempt_at) where status = 'pending';
create index webhook_delivery_list_idx on webhook_delivery (webhook_id, created_at desc, id desc);

create table webhook_attempt (
    id           uuid primary key,
    delivery_id  uuid        not null references webhook_delivery (id) on delete cascade,
    attempt      integer     not null,
    status_code  integer,
    latency_ms   bigint      not null,
    error        varchar(500),
    attempted_at timestamptz not null default now()
);

create index webhook_attempt_delivery_idx on webhook_attempt (delivery_id, attempt);
