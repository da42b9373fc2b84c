package dev.connector.sonarcloud.account;

import java.util.List;
import java.util.UUID;

/** Filters of the account list; each list is "any of these", an empty one matches everything. */
public record AccountFilter(List<String> originOwnerIds, List<AccountStatus> statuses, List<UUID> accountIds) {

    public AccountFilter {
        originOwnerIds = List.copyOf(originOwnerIds);
        statuses = List.copyOf(statuses);
        accountIds = List.copyOf(accountIds);
    }
}
