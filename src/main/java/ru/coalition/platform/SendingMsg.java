package ru.coalition.platform;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The sending engine (issue 12 §5, §6): progress, limits, tracking and a campaign's figures. Templates say {sending:sendingTitle}; Java asks {@link Messages#sending}.
 */
@MessageBundle(value = "sending", locale = "ru")
public interface SendingMsg {

    @Message
    String sendingTitle();
}
