package ru.coalition.platform;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Bounces (issue 12 §6): undeliverable addresses, soft and hard bounces, the suppression list. Templates say {bounce:bouncesTitle}; Java asks {@link Messages#bounce}.
 */
@MessageBundle(value = "bounce", locale = "ru")
public interface BounceMsg {

    @Message
    String bouncesTitle();
}
