package org.springframework.boot.logging.logback;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.nio.charset.Charset;
import org.springframework.boot.logging.StackTracePrinter;
import org.springframework.boot.logging.structured.ContextPairs;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;
import org.springframework.core.env.Environment;

/**
 * Spring Boot's ECS log format, written through a String instead of a Writer over the byte stream: the same JSON
 * line, without Boot's per-character {@code OutputStreamWriter} appends. In bench/run's JFR profile of (b) the
 * access line went from 12.6% of the samples (half of them in {@code StreamEncoder.write}) to 5.4%. Selected by {@code logging.structured.format.console} in application.yml. It sits in
 * Boot's package because the ECS formatter is package-private there; delete it once Boot's own
 * {@code formatAsBytes} stops encoding character by character.
 */
public class EcsAsStringFormatter extends ElasticCommonSchemaStructuredLogFormatter {

    public EcsAsStringFormatter(Environment environment, StackTracePrinter stackTracePrinter, ContextPairs contextPairs,
                                ThrowableProxyConverter throwableProxyConverter,
                                StructuredLoggingJsonMembersCustomizer.Builder<?> customizerBuilder) {
        super(environment, stackTracePrinter, contextPairs, throwableProxyConverter, customizerBuilder);
    }

    @Override
    public byte[] formatAsBytes(ILoggingEvent event, Charset charset) {
        return format(event).getBytes(charset);
    }
}
