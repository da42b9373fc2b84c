-- Linked accounts: one SonarQube Cloud credential per row, encrypted with Tink AEAD.
-- The associated data of the ciphertext binds it to (project, id): a ciphertext copied to another row does not decrypt.
create table linked_account (
    id                    uuid        primary key,
    project               text        not null,
    provider              text        not null default 'sonarcloud',
    status                text        not null check (status in ('active', 'inactive', 'error', 'expired')),
    status_reasons        jsonb       not null default '[]'::jsonb,
    origin_owner_id       text        not null,
    origin_owner_name     text        not null,
    origin_username       text,
    label                 text,
    organization_key      text        not null,
    region                text        not null check (region in ('eu', 'us')),
    login                 text,
    user_name             text,
    multiple              boolean     not null default false,
    credential_ciphertext bytea       not null,
    credential_key_id     bigint      not null,
    token_last_used_at    timestamptz not null,
    created_at            timestamptz not null,
    updated_at            timestamptz not null
);

-- StackOne's upsert rule: one account per (project, owner, organization) unless "multiple" was asked.
create unique index linked_account_upsert_key
    on linked_account (project, origin_owner_id, organization_key)
    where not multiple;

create index linked_account_listing on linked_account (project, created_at, id);
create index linked_account_key_id on linked_account (credential_key_id);

-- Connect sessions: short-lived tokens the Hub posts the form with. Only the token's SHA-256 is kept.
create table connect_session (
    id                uuid        primary key,
    project           text        not null,
    token_sha256      bytea       not null unique,
    origin_owner_id   text        not null,
    origin_owner_name text        not null,
    origin_username   text,
    label             text,
    account_id        uuid,
    multiple          boolean     not null default false,
    expires_at        timestamptz not null,
    failed_attempts   integer     not null default 0,
    spent_at          timestamptz,
    created_at        timestamptz not null
);

create index connect_session_expiry on connect_session (expires_at);
