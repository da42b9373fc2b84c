package dev.connector.sonarcloud;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connector.sonarcloud.action.ActionDefinition;
import dev.connector.sonarcloud.action.ActionRegistry;
import dev.connector.sonarcloud.support.IntegrationTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The README lists each action's REST route beside its id, generated from the definitions: this test fails when
 * the table differs; {@code -Dreadme.write=true} rewrites it instead.
 */
class ReadmeActionsTest extends IntegrationTest {

    static final String BEGIN = "<!-- BEGIN GENERATED ACTIONS";
    static final String END = "<!-- END GENERATED ACTIONS -->";

    @Autowired
    ActionRegistry registry;

    @Test
    void readmeListsEveryActionWithItsRoute() throws IOException {
        Path file = Path.of("README.md");
        String current = Files.readString(file);
        int begin = current.indexOf('\n', current.indexOf(BEGIN)) + 1;
        int end = current.indexOf(END);
        assertThat(begin).isPositive();
        assertThat(end).isGreaterThanOrEqualTo(begin);
        String generated = "| domain | action | REST route |\n|---|---|---|\n" + registry.all().stream()
                .sorted(Comparator.comparing(ActionDefinition::domain))
                .map(a -> "| " + a.domain() + " | `" + a.id() + "` | `" + a.method() + " " + a.route() + "` |\n")
                .collect(Collectors.joining());
        if (Boolean.getBoolean("readme.write")) {
            Files.writeString(file, current.substring(0, begin) + generated + current.substring(end));
            return;
        }
        assertThat(current.substring(begin, end))
                .as("README.md's action table differs from the definitions; run ./mvnw test -Dtest=ReadmeActionsTest -Dreadme.write=true")
                .isEqualTo(generated);
    }
}
