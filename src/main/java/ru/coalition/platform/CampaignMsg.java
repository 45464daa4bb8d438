package ru.coalition.platform;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Campaigns (issue 12 §4): the operator's newsletter and special offers, partners' requests, the mail layout. Templates say {campaign:campaignsTitle}; Java asks {@link Messages#campaign}.
 */
@MessageBundle(value = "campaign", locale = "ru")
public interface CampaignMsg {

    @Message
    String campaignsTitle();

    @Message
    String mailFooterOperator();

    @Message
    String mailFooterPartner(String partner);

    @Message
    String mailUnsubscribe();
}
