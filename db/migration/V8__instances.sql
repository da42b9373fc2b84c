-- Many instances, one database.

-- Shared rate limits (Bucket4j's PostgreSQL integration): one token bucket per key ("account:<id>",
-- "connect-project:<project>", "connect-session:<id>"). state is Bucket4j's own serialized form; expires_at (epoch
-- millis) is when a full refill makes the row worthless, so a job deletes old rows.
create table rate_limit_bucket (
    id         text   primary key,
    state      bytea,
    expires_at bigint
);

create index rate_limit_bucket_expiry on rate_limit_bucket (expires_at);

-- Scheduled jobs run once per cluster (ShedLock's JDBC provider): one row per job name.
create table shedlock (
    name       varchar(64)  primary key,
    lock_until timestamp    not null,
    locked_at  timestamp    not null,
    locked_by  varchar(255) not null
);
