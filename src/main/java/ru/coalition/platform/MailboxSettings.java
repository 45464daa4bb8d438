package ru.coalition.platform;

import java.util.Optional;

/** Where a mailbox the app reads over IMAP is (the support desk's, the bounces'): each feature's settings extend this. */
public interface MailboxSettings {

    /** Whether the mailbox is read at all. */
    boolean enabled();

    /** The mailbox's address (the login when {@link #user()} is empty). */
    String address();

    String host();

    int port();

    /** imap, or imaps (TLS from the first byte). */
    String protocol();

    Optional<String> user();

    Optional<String> password();

    String folder();

    /** At most this many mails per poll; the rest wait for the next one. */
    int batchSize();
}
