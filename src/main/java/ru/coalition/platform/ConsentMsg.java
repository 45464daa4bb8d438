package ru.coalition.platform;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The consent centre (issue 12 §1, §2): the member's consents per purpose and channel, their history, the unsubscribe page and the proof export. Templates say {consent:consentCentreTitle}; Java asks {@link Messages#consent}.
 */
@MessageBundle(value = "consent", locale = "ru")
public interface ConsentMsg {

    @Message
    String consentCentreTitle();
}
