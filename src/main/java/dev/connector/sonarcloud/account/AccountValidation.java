package dev.connector.sonarcloud.account;

import dev.connector.sonarcloud.sonar.SonarCredentials;
import dev.connector.sonarcloud.web.ApiException;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** Checks an existing account's credentials against SonarQube Cloud: new ones before they replace the old, or the stored ones again. */
@Service
public class AccountValidation {

    private final AccountService accounts;
    private final SonarCredentials sonarCredentials;

    public AccountValidation(AccountService accounts, SonarCredentials sonarCredentials) {
        this.accounts = accounts;
        this.sonarCredentials = sonarCredentials;
    }

    /** New credentials for an existing account: validated first, then swapped in atomically. */
    public LinkedAccount replaceCredentials(String project, UUID id, TokenCredential credential) {
        LinkedAccount current = accounts.get(project, id);
        SonarCredentials.Identity identity = sonarCredentials.validate(credential.region(), credential.token(),
                credential.organizationKey(), id.toString(), project);
        AccountService.Link link = new AccountService.Link(project, current.originOwnerId(), null, null, null,
                credential.organizationKey(), credential.region(), credential.token(), identity.login(),
                identity.name(), current.multiple(), id);
        return accounts.link(link, () -> { }).account();
    }

    /** Checks the stored token again now and records what SonarQube Cloud says. */
    public LinkedAccount revalidate(String project, UUID id) {
        LinkedAccount account = accounts.get(project, id);
        String token = accounts.token(project, id);
        try {
            sonarCredentials.validate(account.region(), token, account.organizationKey(), id.toString(), project);
        } catch (ApiException e) {
            return switch (e.error()) {
                case INVALID_CREDENTIALS -> accounts.markTokenRejected(project, id, account.tokenLastUsedAt());
                case ORGANIZATION_NOT_ACCESSIBLE -> accounts.setStatus(project, id, AccountStatus.ERROR,
                        "organization_not_accessible", "The token is no longer a member of organization '"
                                + account.organizationKey() + "'");
                default -> throw e;
            };
        }
        return accounts.setStatus(project, id, AccountStatus.ACTIVE, null, null);
    }
}
