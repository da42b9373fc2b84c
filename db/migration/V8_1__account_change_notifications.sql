-- Cross-instance cache invalidation: a change to what an instance caches about a linked account (its credential,
-- status, region, organization) notifies channel account_changed with the account id. PostgreSQL delivers it to every
-- listening instance when the transaction commits, and never for a rolled-back one. token_last_used_at and the
-- descriptive fields change nothing cached, so they do not notify.
create function notify_account_changed() returns trigger
    language plpgsql as
$$
begin
    perform pg_notify('account_changed', (case when tg_op = 'DELETE' then old.id else new.id end)::text);
    return null;
end
$$;

create trigger linked_account_changed
    after update on linked_account
    for each row
    when (old.credential_ciphertext is distinct from new.credential_ciphertext
        or old.status is distinct from new.status
        or old.region is distinct from new.region
        or old.organization_key is distinct from new.organization_key
        or old.project is distinct from new.project)
execute function notify_account_changed();

create trigger linked_account_deleted
    after delete on linked_account
    for each row
execute function notify_account_changed();
