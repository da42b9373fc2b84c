-- Account events: a transactional outbox. An event row is written in the same transaction as the account change
-- it describes, together with one delivery row per matching webhook subscription; a rolled-back change leaves none.
create table account_event (
    id          uuid        primary key,
    project     text        not null,
    account_id  uuid,
    type        text        not null,
    -- the exact JSON body that is signed and sent (frozen at the time of the change)
    payload     text        not null,
    created_at  timestamptz not null
);

create index account_event_project on account_event (project, created_at);

-- Webhook subscriptions per project. Secrets are Tink-encrypted like credentials (bound to project and id);
-- after a rotation the previous secret keeps signing until previous_secret_expires_at.
create table webhook (
    id                          uuid        primary key,
    project                     text        not null,
    url                         text        not null,
    events                      text[]      not null,
    enabled                     boolean     not null,
    description                 text,
    secret_ciphertext           bytea       not null,
    previous_secret_ciphertext  bytea,
    previous_secret_expires_at  timestamptz,
    disabled_reason             text,
    -- the first failure of the current unbroken run of failures; cleared by any success
    failing_since               timestamptz,
    created_at                  timestamptz not null,
    updated_at                  timestamptz not null
);

create index webhook_project on webhook (project, created_at, id);

-- One row per (event, webhook). seq orders deliveries; deliveries of one account to one webhook go out in seq order
-- (ordering_key is the account id, or the delivery's own id for events without an account such as ping).
create table webhook_delivery (
    id               uuid        primary key,
    seq              bigint      generated always as identity unique,
    webhook_id       uuid        not null references webhook (id) on delete cascade,
    event_id         uuid        not null references account_event (id) on delete cascade,
    ordering_key     uuid        not null,
    status           text        not null check (status in ('pending', 'succeeded', 'failed')),
    attempts         integer     not null default 0,
    last_status_code integer,
    last_error       text,
    next_attempt_at  timestamptz not null,
    created_at       timestamptz not null,
    finished_at      timestamptz
);

create index webhook_delivery_due on webhook_delivery (next_attempt_at, seq) where status = 'pending';
create index webhook_delivery_order on webhook_delivery (webhook_id, ordering_key, seq) where status = 'pending';
create index webhook_delivery_log on webhook_delivery (webhook_id, seq);

-- account.token_expiring is sent once per expiry window: the window is the token's last use it was computed from.
create table token_expiry_notice (
    account_id          uuid        primary key references linked_account (id) on delete cascade,
    token_last_used_at  timestamptz not null,
    notified_at         timestamptz not null
);
