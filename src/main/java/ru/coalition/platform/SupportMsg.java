package ru.coalition.platform;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The texts of the support desk (issue 11): the agents' console, the member's tickets in the cabinet, the partner's routed cases and the desk's e-mails. Templates say {support:ticketsTitle}; Java asks {@link Messages#support}.
 */
@MessageBundle(value = "support", locale = "ru")
public interface SupportMsg {

    @Message
    String ticketsTitle();
}
