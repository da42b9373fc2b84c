package dev.connector.sonarcloud.account;

import dev.connector.sonarcloud.auth.Caller;
import dev.connector.sonarcloud.auth.RequiresScope;
import dev.connector.sonarcloud.auth.Scope;
import dev.connector.sonarcloud.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
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
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping("/accounts")
@RequiresScope(Scope.ACCOUNTS)
public class AccountController {

    private final AccountService accounts;
    private final AccountValidation validation;
    private final AccountModels models;

    public AccountController(AccountService accounts, AccountValidation validation, AccountModels models) {
        this.accounts = accounts;
        this.validation = validation;
        this.models = models;
    }

    /**
     * StackOne's list: a bare array, {@code page} (1-based) and {@code page_size} (default 25, at most 100), filters
     * as repeated keys ({@code status=active&status=error}); the next page is announced in a {@code Link} header.
     */
    @GetMapping
    ResponseEntity<List<AccountView>> list(Caller caller, HttpServletRequest request,
                                           @RequestParam MultiValueMap<String, String> query) {
        int size = pageSize(query.getFirst("page_size"));
        int page = page(query.getFirst("page"));
        List<AccountStatus> statuses = new ArrayList<>();
        for (String status : values(query, "status")) {
            statuses.add(AccountStatus.parse(status).orElseThrow(() ->
                    ApiException.validation("status", "must be one of " + AccountStatus.ids())));
        }
        List<String> owners = values(query, "origin_owner_id", "origin_owner_ids");
        List<UUID> ids = new ArrayList<>();
        for (String id : values(query, "account_ids")) {
            try {
                ids.add(UUID.fromString(id));
            } catch (IllegalArgumentException e) {
                return ResponseEntity.ok(List.of()); // no account has a malformed id
            }
        }
        List<String> providers = values(query, "provider", "providers");
        if (!providers.isEmpty() && !providers.contains(AccountView.PROVIDER)) {
            return ResponseEntity.ok(List.of());
        }
        List<LinkedAccount> rows = accounts.page(caller.project(), new AccountFilter(owners, statuses, ids),
                (long) (page - 1) * size, size + 1);
        var response = ResponseEntity.ok();
        if (rows.size() > size) {
            rows = rows.subList(0, size);
            String next = ServletUriComponentsBuilder.fromRequest(request)
                    .replaceQueryParam("page", page + 1).replaceQueryParam("page_size", size).build().toUriString();
            response.header(HttpHeaders.LINK, "<" + next + ">; rel=\"next\"");
        }
        return response.body(rows.stream().map(AccountView::of).toList());
    }

    /** Every value of these keys, repeated or comma-separated, blanks dropped. */
    private static List<String> values(MultiValueMap<String, String> query, String... keys) {
        List<String> out = new ArrayList<>();
        for (String key : keys) {
            for (String value : query.getOrDefault(key, List.of())) {
                for (String part : value.split(",")) {
                    if (!part.isBlank()) {
                        out.add(part.strip());
                    }
                }
            }
        }
        return out;
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

    /**
     * StackOne's PATCH body. Its SDK always sends {@code type} and empties every free-form object it sends
     * ({@code credentials}, {@code setup_information}, {@code metadata}, {@code secrets}, even {@code label}): an empty
     * object means "no change", never "wipe". Owner id, provider, environment and authentication config key are
     * accepted and ignored (an account's owner and provider do not change).
     */
    public record Patch(JsonNode label, String originOwnerName, JsonNode credentials, JsonNode setupInformation,
                        JsonNode metadata, JsonNode secrets, String type, String originOwnerId, String originUsername,
                        String provider, String environment, String authenticationConfigKey) {
    }

    @PatchMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    AccountView patch(Caller caller, @PathVariable String id, @RequestBody Patch patch) {
        UUID accountId = accountId(id);
        LinkedAccount current = accounts.get(caller.project(), accountId);
        List<ApiException.FieldError> errors = new ArrayList<>();
        String label = null;
        if (patch.label() != null && patch.label().isString()) {
            label = patch.label().asString();
            OwnerText.check(errors, "label", label, false);
        } else if (!isEmpty(patch.label())) {
            errors.add(new ApiException.FieldError("label", "must be text"));
        }
        if (patch.originOwnerName() != null) {
            OwnerText.check(errors, "origin_owner_name", patch.originOwnerName(), true);
        }
        if (!isEmpty(patch.setupInformation())) {
            errors.add(new ApiException.FieldError("setup_information",
                    "cannot be changed on its own: send credentials {personal_access_token, organization_key, region}"));
        }
        Credentials credentials = null;
        if (!isEmpty(patch.credentials())) {
            if (!patch.credentials().isObject()) {
                errors.add(new ApiException.FieldError("credentials", "must be an object"));
            } else {
                JsonNode c = patch.credentials();
                credentials = new Credentials(text(c, "personal_access_token"), text(c, "organization_key"),
                        text(c, "region"));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation("The patch has invalid fields", errors);
        }
        if (credentials != null) {
            TokenCredential credential = TokenCredential.parse(credentials.personalAccessToken(),
                    credentials.organizationKey() != null ? credentials.organizationKey() : current.organizationKey(),
                    credentials.region() != null ? credentials.region() : current.region().id());
            validation.replaceCredentials(caller.project(), accountId, credential);
        }
        LinkedAccount updated = label != null || patch.originOwnerName() != null
                ? accounts.updateDetails(caller.project(), accountId, label, patch.originOwnerName())
                : accounts.get(caller.project(), accountId);
        return AccountView.of(updated);
    }

    private static boolean isEmpty(JsonNode node) {
        return node == null || node.isNull() || (node.isObject() && node.isEmpty());
    }

    private static String text(JsonNode object, String field) {
        JsonNode value = object.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    /** StackOne's shape: 200 with the account as it was just before it was deleted. */
    @DeleteMapping("/{id}")
    AccountView delete(Caller caller, @PathVariable String id) {
        return AccountView.of(accounts.delete(caller.project(), accountId(id)));
    }

    /** StackOne's account meta: the provider, its category and what it offers (action ids by domain). */
    @GetMapping("/{id}/meta")
    Map<String, Object> meta(Caller caller, @PathVariable String id) {
        accounts.get(caller.project(), accountId(id));
        return Map.of("provider", AccountView.PROVIDER, "category", AccountView.CATEGORY, "models", models.get());
    }

    @PostMapping("/{id}/revalidate")
    AccountView revalidate(Caller caller, @PathVariable String id) {
        return AccountView.of(validation.revalidate(caller.project(), accountId(id)));
    }

    /** A malformed id is just an unknown one. */
    private static UUID accountId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("No such account");
        }
    }

    static int page(String value) {
        if (value == null) {
            return 1;
        }
        try {
            int page = Integer.parseInt(value);
            if (page >= 1 && page <= 1_000_000) {
                return page;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw ApiException.validation("page", "must be a whole number from 1");
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
