-- The audit log becomes partitioned by month of receipt and hash-chained per organization.
-- Rows stored by the unreleased first version stay in audit_log_legacy (unchained), nothing is dropped.
alter table audit_log rename to audit_log_legacy;
alter index audit_log_pkey rename to audit_log_legacy_pkey;
alter index audit_log_event_id_key rename to audit_log_legacy_event_id_key;
alter index audit_log_org_time_idx rename to audit_log_legacy_org_time_idx;
alter index audit_log_time_idx rename to audit_log_legacy_time_idx;
alter index audit_log_request_idx rename to audit_log_legacy_request_idx;

-- One row per event ever stored: the idempotency key. A unique index on the partitioned table would have to include
-- the partition key, which a redelivered event does not share (it is received again later).
create table audit_event (
    event_id    varchar(255) primary key,
    received_at timestamptz  not null
);

-- The head of each chain: one chain per organization, and one (the nil UUID) for events of no organization.
-- Writers lock the head row, so one chain is appended by one transaction at a time and never forks.
-- The checkpoint is where verification starts: the last record removed by retention (0 and the genesis hash before).
create table audit_chain (
    chain_id        uuid        primary key,
    last_seq        bigint      not null,
    last_hash       char(64)    not null,
    checkpoint_seq  bigint      not null default 0,
    checkpoint_hash char(64)    not null,
    checkpoint_at   timestamptz
);

create table audit_log (
    id              uuid         not null,
    event_id        varchar(255) not null,
    chain_id        uuid         not null,
    seq             bigint       not null,
    prev_hash       char(64)     not null,
    hash            char(64)     not null,
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
    received_at     timestamptz  not null,
    primary key (id, received_at)
) partition by range (received_at);

-- A safety net: a row never fails for want of a partition. Monthly partitions are created ahead by the service.
create table audit_log_default partition of audit_log default;

-- Newest-first listing per organization (and the time-range filter), and across organizations for operators.
create index audit_log_org_time_idx on audit_log (organization_id, occurred_at desc, id desc);
create index audit_log_time_idx on audit_log (occurred_at desc, id desc);
-- The chain walk.
create index audit_log_chain_idx on audit_log (chain_id, seq);
-- Filters: action prefix (chatbot.*), actor, resource, request id.
create index audit_log_org_action_idx on audit_log (organization_id, action varchar_pattern_ops);
create index audit_log_org_actor_idx on audit_log (organization_id, actor_id, occurred_at desc);
create index audit_log_org_resource_idx on audit_log (organization_id, resource_type, resource_id);
create index audit_log_request_idx on audit_log (request_id);

-- Retention per organization; organizations without a row keep the configured default.
create table audit_retention (
    organization_id uuid        primary key,
    retention_days  integer     not null check (retention_days > 0),
    updated_at      timestamptz not null default now()
);
