-- Chatbots of an organization. Engine secrets (API keys) are stored AES-GCM encrypted in engine_secret, never in
-- engine_settings, and never returned.
create table chatbot (
    id               uuid primary key,
    organization_id  uuid         not null,
    name             varchar(120) not null,
    description      text,
    engine_type      varchar(20)  not null,
    engine_settings  jsonb        not null default '{}',
    engine_secret    text,
    language         varchar(40)  not null default 'english',
    status           varchar(20)  not null default 'draft',
    welcome_message  text,
    fallback_message text         not null,
    allowed_origins  jsonb        not null default '[]',
    public_key       varchar(64)  not null unique,
    training_status  varchar(20)  not null default 'idle',
    trained_at       timestamptz,
    created_at       timestamptz  not null default now(),
    updated_at       timestamptz  not null default now(),
    deleted_at       timestamptz,
    search           tsvector generated always as (
        to_tsvector('simple', coalesce(name, '') || ' ' || coalesce(description, ''))) stored,
    constraint chatbot_status_check check (status in ('draft', 'active', 'archived')),
    constraint chatbot_training_status_check
        check (training_status in ('idle', 'pending', 'training', 'ready', 'failed'))
);

create index chatbot_org_idx on chatbot (organization_id, created_at) where deleted_at is null;
create index chatbot_search_idx on chatbot using gin (search) where deleted_at is null;

-- FAQ pairs and text documents; what the knowledge engine searches are their chunks.
create table knowledge_item (
    id              uuid primary key,
    organization_id uuid        not null,
    chatbot_id      uuid        not null references chatbot (id),
    type            varchar(20) not null,
    question        text,
    answer          text,
    title           text,
    content         text,
    created_at      timestamptz not null default now(),
    constraint knowledge_item_type_check check (type in ('faq', 'document'))
);

create index knowledge_item_bot_idx on knowledge_item (chatbot_id, created_at);

create table knowledge_chunk (
    id              uuid primary key,
    organization_id uuid        not null,
    chatbot_id      uuid        not null,
    item_id         uuid        not null references knowledge_item (id) on delete cascade,
    position        integer     not null,
    body            text        not null,
    reply           text        not null,
    tsv             tsvector    not null
);

create index knowledge_chunk_bot_idx on knowledge_chunk (chatbot_id);
create index knowledge_chunk_tsv_idx on knowledge_chunk using gin (tsv);

create table conversation (
    id               uuid primary key,
    organization_id  uuid         not null,
    chatbot_id       uuid         not null references chatbot (id),
    status           varchar(20)  not null default 'open',
    channel          varchar(20)  not null default 'api',
    external_user_id varchar(255),
    metadata         jsonb        not null default '{}',
    token_hash       varchar(64),
    created_at       timestamptz  not null default now(),
    updated_at       timestamptz  not null default now(),
    last_message_at  timestamptz,
    constraint conversation_status_check check (status in ('open', 'handoff', 'closed'))
);

create index conversation_bot_idx on conversation (chatbot_id, created_at);

-- Messages, partitioned by month of created_at; partitions are created ahead by ensure_message_partitions (run here
-- and daily by the service). A user message names its reply (reply_id) once one is written: setting it only while it
-- is null is what makes a reply written at most once, whatever the queue redelivers.
create table message (
    id              uuid        not null,
    organization_id uuid        not null,
    chatbot_id      uuid        not null,
    conversation_id uuid        not null,
    role            varchar(20) not null,
    content         text        not null,
    status          varchar(20) not null,
    reply_to        uuid,
    reply_id        uuid,
    fallback        boolean     not null default false,
    attempts        integer     not null default 0,
    request_id      varchar(64),
    redeliver_at    timestamptz,
    created_at      timestamptz not null,
    primary key (id, created_at),
    constraint message_role_check check (role in ('user', 'assistant')),
    constraint message_status_check
        check (status in ('queued', 'answered', 'failed', 'handoff', 'cancelled', 'completed'))
) partition by range (created_at);

create index message_conversation_idx on message (conversation_id, created_at, id);
create index message_queued_idx on message (redeliver_at) where status = 'queued';

create or replace function ensure_message_partitions(months_ahead integer) returns void
    language plpgsql as
$$
declare
    month_start timestamp;
begin
    for i in -1..months_ahead loop
        month_start := date_trunc('month', now() at time zone 'UTC') + make_interval(months => i);
        execute format('create table if not exists %I.%I partition of %I.message for values from (%L) to (%L)',
                       current_schema(), 'message_' || to_char(month_start, 'YYYY_MM'), current_schema(),
                       month_start at time zone 'UTC', (month_start + interval '1 month') at time zone 'UTC');
    end loop;
end
$$;

select ensure_message_partitions(3);

create table message_feedback (
    message_id      uuid primary key,
    organization_id uuid        not null,
    conversation_id uuid        not null,
    rating          varchar(10) not null,
    comment         text,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    constraint message_feedback_rating_check check (rating in ('up', 'down'))
);

-- Messages accepted per organization and calendar month (UTC), counted against the plan's monthly quota.
create table message_usage (
    organization_id uuid    not null,
    month           date    not null,
    messages        bigint  not null default 0,
    primary key (organization_id, month)
);

-- The plan of each organization as last seen from user-org-service, for requests that carry no member's token (the
-- public widget) and for the work queue's priority.
create table organization_plan (
    organization_id  uuid primary key,
    plan             varchar(40) not null,
    monthly_messages bigint,
    chatbots         bigint,
    archived         boolean     not null default false,
    updated_at       timestamptz not null default now()
);
