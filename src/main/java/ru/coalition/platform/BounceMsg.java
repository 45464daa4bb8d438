package ru.coalition.platform;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The texts of mailing bounces and the suppression list (issue 12 §6). Templates say {bounce:bouncesTitle}; Java asks
 * {@link Messages#bounce}.
 */
@MessageBundle(value = "bounce", locale = "ru")
public interface BounceMsg {

    @Message
    String bouncesTitle();

    @Message
    String bounceLead(int softLimit, int softWindowDays);

    @Message
    String bounceSearchLabel();

    @Message
    String bounceSearch();

    @Message
    String bounceSearchClear();

    @Message
    String bounceSuppressions(long count);

    @Message
    String bounceSuppressionsShown(int shown);

    @Message
    String bounceSuppressionsNone();

    @Message
    String bounceAddress();

    @Message
    String bounceReasonLabel();

    @Message
    String bounceReason(String value);

    @Message
    String bounceSince();

    @Message
    String bounceCount();

    @Message
    String bounceActions();

    @Message
    String bounceLift();

    @Message
    String bounceLiftLabel(String address);

    @Message
    String bounceLifted(String address);

    @Message
    String bounceNotSuppressed(String address);

    @Message
    String bounceAdd();

    @Message
    String bounceAddHint();

    @Message
    String bounceAddressLabel();

    @Message
    String bounceAddSubmit();

    @Message
    String bounceAddressRequired();

    @Message
    String bounceAddressInvalid();

    @Message
    String bounceSuppressed(String address);

    @Message
    String bounceAlreadySuppressed(String address);

    @Message
    String bounceRecent();

    @Message
    String bounceRecentNone();

    @Message
    String bounceWhen();

    @Message
    String bounceKindLabel();

    @Message
    String bounceKind(String value);

    @Message
    String bounceStatus();

    @Message
    String bounceCampaign();

    @Message
    String bounceSourceLabel();

    @Message
    String bounceSource(String value);
}
