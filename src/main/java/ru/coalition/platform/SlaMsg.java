package ru.coalition.platform;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The texts of the support desk's service levels (issue 11 §3): policies, the business calendar, at-risk and breached marks. Templates say {sla:slaTitle}; Java asks {@link Messages#sla}.
 */
@MessageBundle(value = "sla", locale = "ru")
public interface SlaMsg {

    @Message
    String slaTitle();
}
