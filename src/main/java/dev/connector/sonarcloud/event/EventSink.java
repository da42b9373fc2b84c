package dev.connector.sonarcloud.event;

/** Called inside the transaction that writes an event, so whatever it writes commits or rolls back with the change. */
public interface EventSink {

    void accept(AccountEvent event);
}
