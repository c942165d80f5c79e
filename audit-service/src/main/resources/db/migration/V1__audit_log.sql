-- One row per platform event, stored once (event_id is unique).
create table audit_log (
    id              uuid primary key,
    event_id        varchar(255) not null,
    action          varchar(128) not null,
    outcome         varchar(16)  not null,
    actor_id        varchar(255),
    actor_type      varchar(16),
    organization_id uuid,
    resource_type   varchar(64),
    resource_id     varchar(255),
    status_code     integer,
    error_code      varchar(64),
    ip_address      varchar(64),
    user_agent      varchar(512),
    request_id      varchar(64),
    trace_id        varchar(64),
    source          varchar(255),
    data            jsonb        not null default '{}',
    occurred_at     timestamptz  not null,
    received_at     timestamptz  not null default now()
);

create unique index audit_log_event_id_key on audit_log (event_id);
create index audit_log_org_time_idx on audit_log (organization_id, occurred_at desc, id desc);
create index audit_log_time_idx on audit_log (occurred_at desc, id desc);
create index audit_log_request_idx on audit_log (request_id);
