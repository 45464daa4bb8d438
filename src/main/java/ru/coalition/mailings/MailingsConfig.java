package ru.coalition.mailings;

import io.smallrye.config.ConfigMapping;

/** Settings of the mailings (coalition.mailings.*, issue 12). */
@ConfigMapping(prefix = "coalition.mailings")
public interface MailingsConfig {

    /** Base64 of at least 32 random bytes signing the unsubscribe and tracking links (MAILING_LINK_KEY). */
    String linkKey();

    /** The address of the {@code mailto:} half of List-Unsubscribe (a mailbox the app reads). */
    String unsubscribeAddress();
}
