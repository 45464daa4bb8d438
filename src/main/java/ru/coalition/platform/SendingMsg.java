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

    @Message
    String sendingSent();

    @Message
    String sendingOpened();

    @Message
    String sendingClicked();

    @Message
    String sendingRecipients();

    @Message
    String sendingQueued();

    @Message
    String sendingSkipped();

    @Message
    String sendingFailed();

    @Message
    String sendingBounced();

    @Message
    String sendingUnsubscribed();

    @Message
    String sendingUniqueTotal();

    @Message
    String sendingProgress(int percent);

    @Message
    String sendingChartTitle(int minutes);

    @Message
    String sendingNoData();

    @Message
    String sendingReasonNoConsent();

    @Message
    String sendingReasonNoAddress();

    @Message
    String sendingReasonSuppressed();

    @Message
    String sendingReasonCapped();

    @Message
    String sendingReasonCancelled();

    @Message
    String sendingReasonOther();
}
