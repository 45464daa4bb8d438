package ru.coalition.platform;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The voice menu (issue 14 §2): what it says (spoken by espeak-ng on the SIP line, by the provider's text-to-speech
 * on the webhook line) and the call log pages. Templates say {ivr:voiceCallsTitle}; Java asks {@link Messages#ivr}.
 */
@MessageBundle(value = "ivr", locale = "ru")
public interface IvrMsg {

    @Message
    String promptGreeting(String partner);

    @Message
    String promptGreetingMenu();

    @Message
    String promptAskNumber();

    @Message
    String promptAskNumberOrLatest(String number);

    @Message
    String promptOrder(String number, String state, String due);

    @Message
    String promptStateWord(String value);

    @Message
    String promptConfirmPickup();

    @Message
    String promptCancelOption();

    @Message
    String promptChangeFromOwnPhone();

    @Message
    String promptOrderMenu();

    @Message
    String promptConfirmCancel(String number);

    @Message
    String promptCancelled(String number);

    @Message
    String promptPickupConfirmed();

    @Message
    String promptNotFound();

    @Message
    String promptWrongInput();

    @Message
    String promptOfferPerson();

    @Message
    String promptCallbackTaken(String ticket);

    @Message
    String promptGoodbye();

    @Message
    String callbackSubject(String order);

    @Message
    String callbackSummary(String caller, String order, String path);

    @Message
    String voiceCallsTitle();

    @Message
    String voiceCallsLead(String address);

    @Message
    String voiceNoCalls();

    @Message
    String voiceColWhen();

    @Message
    String voiceColPartner();

    @Message
    String voiceColCaller();

    @Message
    String voiceColOrder();

    @Message
    String voiceColKeys();

    @Message
    String voiceColPath();

    @Message
    String voiceColOutcome();

    @Message
    String voiceColDuration();

    @Message
    String voiceOutcome(String value);

    @Message
    String voiceSeconds(long seconds);

    @Message
    String voiceAllPartners();

    @Message
    String voiceFilter();
}
