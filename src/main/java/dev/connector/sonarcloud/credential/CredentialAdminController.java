package dev.connector.sonarcloud.credential;

import dev.connector.sonarcloud.auth.RequiresScope;
import dev.connector.sonarcloud.auth.Scope;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Operator endpoints for key rotation (scope admin). */
@RestController
@RequestMapping("/admin/credentials")
@RequiresScope(Scope.ADMIN)
public class CredentialAdminController {

    private final CredentialRotation rotation;

    public CredentialAdminController(CredentialRotation rotation) {
        this.rotation = rotation;
    }

    @GetMapping("/keys")
    CredentialRotation.KeyUsage keys() {
        return rotation.usage();
    }

    @PostMapping("/reencrypt")
    CredentialRotation.Reencryption reencrypt() {
        return rotation.reencryptAll();
    }
}
