-- Shared by every service, in the service's own schema: events wait here until the broker confirms them,
-- and consumers remember what they already handled.
create table outbox_event (
    id           uuid primary key,
    routing_key  varchar(255) not null,
    payload      jsonb        not null,
    created_at   timestamptz  not null default now(),
    available_at timestamptz  not null default now(),
    attempts     integer      not null default 0,
    last_error   text
);

create index outbox_event_available_idx on outbox_event (available_at, created_at);

create table processed_event (
    consumer     varchar(100) not null,
    event_id     varchar(255) not null,
    processed_at timestamptz  not null default now(),
    primary key (consumer, event_id)
);
