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
 * line, without Boot's per-character {@code OutputStreamWriter} appends, which took half of the access log's CPU
 * (profile of bench/run's (b) line: 173 of the 344 samples under {@code AccessLogFilter.write} were in
 * {@code StreamEncoder.write}). Selected by {@code logging.structured.format.console} in application.yml. It sits in
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
