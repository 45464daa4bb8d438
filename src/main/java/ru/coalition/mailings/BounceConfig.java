package ru.coalition.mailings;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import ru.coalition.platform.MailboxSettings;

import java.util.Optional;

/**
 * Bounces of mailings (coalition.bounces.*): the mailbox delivery status notifications come back to (read over IMAP),
 * the shared secret of the ESP webhook, and when soft bounces suppress an address. application.properties reads every
 * value from the environment (BOUNCES_*); the tests and the demo run get GreenMail's IMAP from DevStack.
 */
@ConfigMapping(prefix = "coalition.bounces")
public interface BounceConfig {

    Mailbox mailbox();

    /** This many soft bounces of one address within {@link #softWindowDays()} suppress it. */
    @WithDefault("3")
    int softLimit();

    @WithDefault("30")
    int softWindowDays();

    /** The secret the ESP sends in the X-Webhook-Secret header; while it is unset the webhook refuses every call. */
    Optional<String> webhookSecret();

    /** The bounce mailbox: the Return-Path of campaign mail, where MTAs send their reports. */
    interface Mailbox extends MailboxSettings {

        /** Whether the mailbox is read at all. */
        @WithDefault("false")
        boolean enabled();

        /** The mailbox's address (the Return-Path campaign mail is sent with). */
        @WithDefault("bounces@coalition.local")
        String address();

        @WithDefault("localhost")
        String host();

        @WithDefault("993")
        int port();

        /** imap, or imaps (TLS from the first byte). */
        @WithDefault("imaps")
        String protocol();

        /** The login; the address when empty. */
        Optional<String> user();

        Optional<String> password();

        @WithDefault("INBOX")
        String folder();

        /** How often the mailbox is read (a duration such as 1m, or "off"). */
        @WithDefault("1m")
        String every();

        /** At most this many mails per poll; the rest wait for the next one. */
        @WithDefault("100")
        int batchSize();

        /** Whether mails taken are deleted (expunged) rather than only marked read. */
        @WithDefault("false")
        boolean deleteTaken();
    }
}
