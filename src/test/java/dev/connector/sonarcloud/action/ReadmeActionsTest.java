package dev.connector.sonarcloud.action;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connector.sonarcloud.support.IntegrationTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * README.md's table of actions comes from the definitions. This test regenerates it and fails when the README
 * differs; {@code -Dreadme.write=true} rewrites the README instead.
 */
class ReadmeActionsTest extends IntegrationTest {

    static final String BEGIN = "<!-- BEGIN GENERATED ACTIONS";
    static final String END = "<!-- END GENERATED ACTIONS -->";

    @Autowired
    ActionRegistry registry;

    @Test
    void readmeListsEveryActionAsDefined() throws IOException {
        Path file = Path.of("README.md");
        String current = Files.readString(file);
        int begin = current.indexOf('\n', current.indexOf(BEGIN)) + 1;
        int end = current.indexOf(END);
        assertThat(current.indexOf(BEGIN)).as("README.md has the generated section").isPositive();
        assertThat(end).isGreaterThanOrEqualTo(begin);
        String generated = generate(registry.all());
        if (Boolean.getBoolean("readme.write")) {
            Files.writeString(file, current.substring(0, begin) + generated + current.substring(end));
            return;
        }
        assertThat(current.substring(begin, end))
                .as("README.md's actions differ from their definitions; run ./mvnw test -Dtest=ReadmeActionsTest -Dreadme.write=true")
                .isEqualTo(generated);
        assertThat(generated).contains("| `" + registry.all().getFirst().id() + "` |");
    }

    static String generate(List<ActionDefinition> actions) {
        Map<String, List<ActionDefinition>> byDomain = new TreeMap<>(actions.stream()
                .collect(Collectors.groupingBy(ActionDefinition::domain)));
        StringBuilder md = new StringBuilder();
        md.append(actions.size()).append(" actions in ").append(byDomain.size()).append(" domains. W = write, ")
                .append("D = destructive; v2 = SonarQube Cloud's Web API v2 (`api.` host).\n");
        byDomain.forEach((domain, list) -> {
            md.append("\n#### ").append(domain.replace('_', ' ')).append(" (").append(list.size()).append(")\n\n");
            md.append("| action | REST route | SonarQube endpoint | needs | |\n|---|---|---|---|---|\n");
            for (ActionDefinition action : list) {
                Upstream upstream = action.upstream();
                String flags = action.readOnly() ? "" : action.destructive() ? "W D" : "W";
                md.append("| `").append(action.id()).append("` | `").append(action.method().name()).append(' ')
                        .append(action.route()).append("` | ")
                        .append(upstream.host() == Upstream.Host.V2 ? "v2 " : "")
                        .append('`').append(upstream.method().name()).append(' ').append(upstream.path()).append("` | ")
                        .append(action.permission().id()).append(" | ").append(flags).append(" |\n");
            }
        });
        return md.toString();
    }
}
