package ru.coalition.platform;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The texts of the partner's webhooks in the portal (issue 14 §3). Templates say {webhooks:webhooksTitle}; Java asks
 * {@link Messages#webhooks}.
 */
@MessageBundle(value = "webhooks", locale = "ru")
public interface WebhookMsg {

    @Message
    String navWebhooks();

    @Message
    String webhooksTitle();

    @Message
    String webhooksLead();

    @Message
    String noEndpoints();

    @Message
    String colUrl();

    @Message
    String colEvents();

    @Message
    String webhookColState();

    @Message
    String colPending();

    @Message
    String colDead();

    @Message
    String endpointOn();

    @Message
    String endpointOff();

    @Message
    String newEndpoint();

    @Message
    String urlLabel();

    @Message
    String urlHint();

    @Message
    String descriptionLabel();

    @Message
    String eventsLabel();

    @Message
    String typeLabel(String type);

    @Message
    String createEndpoint();

    @Message
    String endpointTitle();

    @Message
    String secretHint(String hint);

    @Message
    String endpointDone(String done);

    @Message
    String secretTitle();

    @Message
    String secretOnce();

    @Message
    String sendTest();

    @Message
    String rotateSecret();

    @Message
    String deliveriesTitle();

    @Message
    String noDeliveries();

    @Message
    String colEvent();

    @Message
    String colTries();

    @Message
    String colWhen();

    @Message
    String deliveryState(String status);

    @Message
    String triesShow();

    @Message
    String nextTry(java.time.Instant at);

    @Message
    String replay();

    @Message
    String endpointSettingsTitle();

    @Message
    String activeLabel();

    @Message
    String webhookSave();
}
