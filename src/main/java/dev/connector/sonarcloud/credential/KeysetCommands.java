package dev.connector.sonarcloud.credential;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeyTemplates;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.KeysetManager;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;

/**
 * The keyset subcommands of the jar, so rotation needs neither {@code tinkey} nor a JDK on the operator's machine
 * ({@code docker run --rm -i <image> add-key < keyset.json > keyset.new.json}). Keysets are read from the file
 * named last on the command line, else from standard input; a changed keyset is written to standard output and
 * the human-readable notes to standard error. Tink's {@link KeysetManager} does the work.
 */
public final class KeysetCommands {

    public static final List<String> NAMES = List.of("generate-keyset", "add-key", "promote-key", "list-keys");

    private static final String USAGE = """
            usage:
              generate-keyset                     a new AES-256-GCM keyset on standard output
              add-key [keyset.json]               the keyset plus a new AES-256-GCM key (not yet primary)
              promote-key <key-id> [keyset.json]  the keyset with that key made primary
              list-keys [keyset.json]             key ids, status and which one is primary (no key material)
            The keyset is read from the file, else from standard input.""";

    private KeysetCommands() {
    }

    public static boolean handles(String[] args) {
        return args.length > 0 && NAMES.contains(args[0]);
    }

    /** Runs one subcommand; answers the process exit code. */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        try {
            AeadConfig.register();
            switch (args[0]) {
                case "generate-keyset" -> {
                    out.println(Keysets.generate());
                    return 0;
                }
                case "add-key" -> {
                    requireArgs(args, 1, 2);
                    KeysetHandle before = read(args, 1, in);
                    KeysetHandle after = KeysetManager.withKeysetHandle(before)
                            .add(KeyTemplates.get("AES256_GCM")).getKeysetHandle();
                    int added = after.getAt(after.size() - 1).getId();
                    out.println(write(after));
                    err.println("added key " + Integer.toUnsignedString(added) + " (enabled, not primary): give every "
                            + "instance this keyset, then 'promote-key " + Integer.toUnsignedString(added) + "'");
                    return 0;
                }
                case "promote-key" -> {
                    requireArgs(args, 2, 3);
                    int keyId = parseKeyId(args[1]);
                    KeysetHandle before = read(args, 2, in);
                    KeysetHandle after;
                    try {
                        after = KeysetManager.withKeysetHandle(before).setPrimary(keyId).getKeysetHandle();
                    } catch (GeneralSecurityException e) {
                        throw new KeysetProblem("key " + Integer.toUnsignedString(keyId)
                                + " is not an enabled key of this keyset (see list-keys)");
                    }
                    out.println(write(after));
                    err.println("key " + Integer.toUnsignedString(keyId) + " is primary: new credentials use it; "
                            + "then POST /admin/credentials/reencrypt moves the stored ones");
                    return 0;
                }
                case "list-keys" -> {
                    requireArgs(args, 1, 2);
                    KeysetHandle handle = read(args, 1, in);
                    for (int i = 0; i < handle.size(); i++) {
                        KeysetHandle.Entry entry = handle.getAt(i);
                        out.println(Integer.toUnsignedString(entry.getId()) + " " + entry.getStatus().toString().toLowerCase()
                                + (entry.isPrimary() ? " primary" : ""));
                    }
                    return 0;
                }
                default -> throw new IllegalArgumentException("unknown subcommand " + args[0]);
            }
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return 2;
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            // never the parser's message: it may quote the keyset
            err.println(args[0] + " failed: " + (e instanceof KeysetProblem ? e.getMessage() : e.getClass().getSimpleName()));
            return 1;
        }
    }

    private static void requireArgs(String[] args, int min, int max) {
        if (args.length < min || args.length > max) {
            throw new IllegalArgumentException(args[0] + ": wrong number of arguments");
        }
    }

    private static int parseKeyId(String text) {
        try {
            return Integer.parseUnsignedInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("promote-key: the key id must be a number as list-keys prints it");
        }
    }

    private static KeysetHandle read(String[] args, int fileIndex, InputStream in) throws IOException {
        String json = args.length > fileIndex ? Files.readString(Path.of(args[fileIndex]))
                : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        if (json.isBlank()) {
            throw new KeysetProblem("no keyset given (name a file, or pipe one to standard input)");
        }
        try {
            return TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get());
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new KeysetProblem("the input is not a Tink JSON keyset");
        }
    }

    private static String write(KeysetHandle handle) throws GeneralSecurityException {
        return TinkJsonProtoKeysetFormat.serializeKeyset(handle, InsecureSecretKeyAccess.get());
    }

    private static final class KeysetProblem extends RuntimeException {
        KeysetProblem(String message) {
            super(message, null, false, false);
        }
    }
}
