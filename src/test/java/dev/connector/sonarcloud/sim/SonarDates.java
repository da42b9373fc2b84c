package dev.connector.sonarcloud.sim;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** SonarQube's date formats: {@code yyyy-MM-dd} and {@code yyyy-MM-dd'T'HH:mm:ssZ} ({@code +0000}, never {@code Z}). */
final class SonarDates {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ");

    private SonarDates() {
    }

    static String format(Instant instant) {
        return DATE_TIME.format(instant.atOffset(ZoneOffset.UTC));
    }

    /** Parses a date parameter as SonarQube does; a date alone means its start of day (UTC here). */
    static Instant parse(String value) {
        try {
            return OffsetDateTime.parse(value, DATE_TIME).toInstant();
        } catch (DateTimeParseException notDateTime) {
            try {
                return LocalDate.parse(value, DateTimeFormatter.ISO_LOCAL_DATE).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException notDate) {
                throw SonarApiException.badRequest(
                        "Date '" + value + "' cannot be parsed as either a date or date+time");
            }
        }
    }
}
