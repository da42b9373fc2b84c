package dev.connector.sonarcloud.account;

import dev.connector.sonarcloud.auth.Caller;
import dev.connector.sonarcloud.auth.RequiresScope;
import dev.connector.sonarcloud.auth.Scope;
import dev.connector.sonarcloud.connect.ConnectForm;
import dev.connector.sonarcloud.connect.ConnectService;
import dev.connector.sonarcloud.web.ApiException;
import dev.connector.sonarcloud.web.Cursors;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

@RestController
@RequestMapping("/accounts")
@RequiresScope(Scope.ACCOUNTS)
public class AccountController {

    private static final Set<String> STATUSES = Set.of(LinkedAccount.ACTIVE, LinkedAccount.INACTIVE,
            LinkedAccount.ERROR, LinkedAccount.EXPIRED);

    private final AccountService accounts;
    private final ConnectService connect;
    private final Cursors cursors;

    public AccountController(AccountService accounts, ConnectService connect, Cursors cursors) {
        this.accounts = accounts;
        this.connect = connect;
        this.cursors = cursors;
    }

    public record Page(List<AccountView> data, String next) {
    }

    @GetMapping
    Page list(Caller caller, @RequestParam(name = "origin_owner_id", required = false) String originOwnerId,
              @RequestParam(required = false) String status,
              @RequestParam(name = "page_size", required = false) String pageSize,
              @RequestParam(required = false) String next) {
        if (status != null && !STATUSES.contains(status)) {
            throw ApiException.validation("status", "must be one of " + STATUSES);
        }
        int size = pageSize(pageSize);
        String binding = "accounts|" + caller.project() + "|" + originOwnerId + "|" + status;
        Instant afterCreated = null;
        UUID afterId = null;
        if (next != null) {
            ObjectNode state = cursors.decode(binding, next);
            try {
                afterCreated = Instant.parse(state.path("c").asString());
                afterId = UUID.fromString(state.path("i").asString());
            } catch (RuntimeException e) {
                throw ApiException.validation("next", "The cursor is not valid");
            }
        }
        List<LinkedAccount> rows = accounts.page(caller.project(), originOwnerId, status, afterCreated, afterId, size + 1);
        String nextCursor = null;
        if (rows.size() > size) {
            rows = rows.subList(0, size);
            LinkedAccount last = rows.getLast();
            ObjectNode state = JsonNodeFactory.instance.objectNode();
            state.put("c", last.createdAt().toString());
            state.put("i", last.id().toString());
            nextCursor = cursors.encode(binding, state);
        }
        return new Page(rows.stream().map(AccountView::of).toList(), nextCursor);
    }

    @GetMapping("/{id}")
    AccountView get(Caller caller, @PathVariable String id) {
        return AccountView.of(accounts.get(caller.project(), accountId(id)));
    }

    public record Credentials(String personalAccessToken, String organizationKey, String region) {
        @Override
        public String toString() {
            return "Credentials[organizationKey=" + organizationKey + ", region=" + region + "]";
        }
    }

    public record Patch(String label, String originOwnerName, Credentials credentials) {
    }

    @PatchMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    AccountView patch(Caller caller, @PathVariable String id, @RequestBody Patch patch) {
        UUID accountId = accountId(id);
        LinkedAccount current = accounts.get(caller.project(), accountId);
        List<ApiException.FieldError> errors = new java.util.ArrayList<>();
        ConnectForm.requireText(errors, "label", patch.label(), false);
        if (patch.originOwnerName() != null) {
            ConnectForm.requireText(errors, "origin_owner_name", patch.originOwnerName(), true);
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation("The patch has invalid fields", errors);
        }
        ConnectForm.Credential credential = null;
        if (patch.credentials() != null) {
            Credentials c = patch.credentials();
            credential = ConnectForm.credential(c.personalAccessToken(),
                    c.organizationKey() != null ? c.organizationKey() : current.organizationKey(),
                    c.region() != null ? c.region() : current.region().id());
        }
        if (credential != null) {
            connect.replaceCredentials(caller.project(), accountId, credential);
        }
        LinkedAccount updated = patch.label() != null || patch.originOwnerName() != null
                ? accounts.updateDetails(caller.project(), accountId, patch.label(), patch.originOwnerName())
                : accounts.get(caller.project(), accountId);
        return AccountView.of(updated);
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(Caller caller, @PathVariable String id) {
        accounts.delete(caller.project(), accountId(id));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/revalidate")
    AccountView revalidate(Caller caller, @PathVariable String id) {
        return AccountView.of(connect.revalidate(caller.project(), accountId(id)));
    }

    /** A malformed id is just an unknown one. */
    private static UUID accountId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("No such account");
        }
    }

    static int pageSize(String value) {
        if (value == null) {
            return 25;
        }
        try {
            int size = Integer.parseInt(value);
            if (size >= 1 && size <= 100) {
                return size;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw ApiException.validation("page_size", "must be a whole number from 1 to 100");
    }
}
