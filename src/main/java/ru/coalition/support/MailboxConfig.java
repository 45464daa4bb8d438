package ru.coalition.support;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import ru.coalition.platform.MailboxSettings;

import java.util.Optional;

/**
 * The support mailbox (coalition.support.mailbox.*): where members' mails to the desk arrive (read over IMAP) and the
 * address the desk's replies come from. application.properties reads every value from the environment
 * (SUPPORT_MAILBOX_*); the tests and the demo run get GreenMail's IMAP from DevStack.
 */
@ConfigMapping(prefix = "coalition.support.mailbox")
public interface MailboxConfig extends MailboxSettings {

    /** Whether the desk reads the mailbox at all (and sends replies by mail). */
    @WithDefault("false")
    boolean enabled();

    /** The desk's address: From and Reply-To of its replies, and the domain of their Message-IDs. */
    @WithDefault("support@coalition.local")
    String address();

    /** The name shown beside the address in the member's mail program. */
    @WithDefault("Coalition support")
    String displayName();

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
    @WithDefault("50")
    int batchSize();
}
