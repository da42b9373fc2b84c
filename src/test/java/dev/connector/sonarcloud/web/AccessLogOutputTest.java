package dev.connector.sonarcloud.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.ConsoleAppender;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Access lines are batched to stdout: whole, once each, after the interval or at close, never lost. */
class AccessLogOutputTest {

    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private final PrintStream originalOut = System.out;
    private final LoggerContext context = new LoggerContext();
    private Logger access;
    private Logger other;

    @BeforeEach
    void consoleLikeSpringBoots() {
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        context.setMDCAdapter(new LogbackMDCAdapter());
        context.start();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%logger %msg%n");
        encoder.start();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("CONSOLE");
        console.setEncoder(encoder);
        console.start();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(console);
        access = context.getLogger(AccessLogFilter.ACCESS_LOGGER);
        other = context.getLogger("dev.connector.sonarcloud.other");
    }

    @AfterEach
    void restore() {
        System.setOut(originalOut);
        context.stop();
    }

    private String out() {
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Test
    void accessLinesWaitForTheIntervalOtherLinesDoNot() {
        AccessLogOutput output = new AccessLogOutput(context, Duration.ofMillis(300));
        try {
            assertThat(output.batching()).isTrue();
            access.info("GET /actions/projects 200");
            access.info("GET /accounts/{id} 200");
            other.info("right away");
            assertThat(out()).contains("dev.connector.sonarcloud.other right away").doesNotContain("/actions/projects");

            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> out().contains("/accounts/{id}"));
            assertThat(out().lines()).containsExactly(
                    "dev.connector.sonarcloud.other right away",
                    AccessLogFilter.ACCESS_LOGGER + " GET /actions/projects 200",
                    AccessLogFilter.ACCESS_LOGGER + " GET /accounts/{id} 200");
        } finally {
            output.close();
        }
    }

    @Test
    void closeWritesWhatIsBufferedAndHandsTheLoggerBack() {
        AccessLogOutput output = new AccessLogOutput(context, Duration.ofHours(1));
        access.info("last line before shutdown");
        assertThat(out()).isEmpty();
        output.close();
        assertThat(out()).isEqualTo(AccessLogFilter.ACCESS_LOGGER + " last line before shutdown" + System.lineSeparator());

        access.info("after close");
        assertThat(out()).endsWith(AccessLogFilter.ACCESS_LOGGER + " after close" + System.lineSeparator());
        assertThat(access.isAdditive()).isTrue();
    }

    @Test
    void aSecondInstanceInTheSameJvmDoesNotWriteTheLinesTwice() {
        AccessLogOutput first = new AccessLogOutput(context, Duration.ofHours(1));
        AccessLogOutput second = new AccessLogOutput(context, Duration.ofHours(1));
        try {
            assertThat(second.batching()).isFalse();
            access.info("once");
        } finally {
            second.close();
            first.close();
        }
        assertThat(out().lines()).containsExactly(AccessLogFilter.ACCESS_LOGGER + " once");
    }

    @Test
    void withoutSpringBootsConsoleAppenderNothingChanges() {
        LoggerContext custom = new LoggerContext();
        try {
            AccessLogOutput output = new AccessLogOutput(custom, Duration.ofMillis(100));
            assertThat(output.batching()).isFalse();
            assertThat(custom.getLogger(AccessLogFilter.ACCESS_LOGGER).isAdditive()).isTrue();
            output.close();
        } finally {
            custom.stop();
        }
    }
}
