package ru.coalition.platform;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The texts of the member's profile page (issue 9 §3): contacts confirmed by a code, language, consents, the data
 * download and deleting the account, with the code's SMS and e-mail. Templates say {cabinet:profileTitle}; Java asks
 * {@link Messages#cabinet}. Shared words (field names, yes/no) stay in {@link Msg}. One bundle per audience keeps each
 * generated resolver small. The e-mail's messages take Object: that template is not type-checked.
 */
@MessageBundle(value = "cabinet", locale = "ru")
public interface CabinetMsg {

    @Message
    String profileTitle();

    @Message
    String profileLead();

    @Message
    String cardQrLabel(String card);

    @Message
    String cardQrHint();

    @Message
    String contactsTitle();

    @Message
    String contactsLead();

    @Message
    String contactNone();

    @Message
    String newContact(String value);

    @Message
    String sendCode();

    @Message
    String codeSent(String value, String to);

    @Message
    String codeValidUntil();

    @Message
    String codeLabel(String value);

    @Message
    String confirmCode();

    @Message
    String cancelChange();

    @Message
    String settingsTitle();

    @Message
    String languageLegend();

    @Message
    String languageName(String value);

    @Message
    String channelLegend();

    @Message
    String consentsLegend();


    @Message
    String consentPersonalNote();

    @Message
    String saveSettings();

    @Message
    String historyTitle();

    @Message
    String historyConsent();

    @Message
    String historyDecision();

    @Message
    String historyAt();

    @Message
    String historySource();

    @Message
    String consentName(String value);

    @Message
    String decision(boolean granted);

    @Message
    String sourceName(String value);

    @Message
    String exportTitle();

    @Message
    String exportLead();

    @Message
    String exportLink();

    @Message
    String deleteTitle();

    @Message
    String deleteLead();

    @Message
    String deleteWordLabel();

    @Message
    String deleteWord();

    @Message
    String deleteUnderstand();

    @Message
    String deleteSubmit();

    @Message
    String deletedTitle();

    @Message
    String deletedText();

    @Message
    String deletedHome();

    @Message
    String done(String value);

    @Message
    String profileFieldLabel(String value);

    @Message
    String smsContactCode(Object code, Object minutes);

    @Message
    String mailContactCodeSubject();

    @Message
    String mailContactCodeGreeting(Object name);

    @Message
    String mailContactCodeBody();

    @Message
    String mailContactCodeValid(Object minutes);

    @Message
    String mailContactCodeIgnore();

    @Message
    String walletsExpiry(long points, java.time.OffsetDateTime at);

    @Message
    String smsExpiry(long points, String wallet, java.time.LocalDate on);

    @Message
    String mailExpirySubject(long points);

    @Message
    String mailExpiryBody(Object points, Object wallet, Object on);

    @Message
    String mailExpiryHint();

    @Message
    String mailExpiryLink();

    @Message
    String historyEntryTitle();

    @Message
    String historyEntryOpen();

    @Message
    String historyEntryBack();

    @Message
    String historyEntryReceipt(String receipt, String partner);

    @Message
    String historyEntryNoReceipt();

    @Message
    String historyEntryRuleTitle();

    @Message
    String historyEntryRule(long points, String perRubles);

    @Message
    String historyEntryRounding(String mode);

    @Message
    String historyEntryVersion(java.time.LocalDate from);

    @Message
    String historyEntryNotEarning();

    @Message
    String historyEntryPromo();

    @Message
    String historyEntryCategory(String category);

    @Message
    String historyEntryLines();

    @Message
    String historyEntryLine();

    @Message
    String historyEntryCategoryColumn();

    @Message
    String historyEntryAmount();

    @Message
    String historyEntryLinePoints();

    @Message
    String historyEntryExcludedPromo();

    @Message
    String historyEntryExcludedCategory();

    @Message
    String historyEntrySteps();

    @Message
    String historyEntryTotal();

    @Message
    String historyEntryEligible();

    @Message
    String historyEntryGiftCardPaid();

    @Message
    String historyEntryBase();

    @Message
    String historyEntryMultiplier();

    @Message
    String historyEntryBeforeRounding();

    @Message
    String historyEntryAccrual();

    @Message
    String historyEntryGiftCardBonus();

    @Message
    String historyEntryWelcomeBonus();

    @Message
    String historyEntryPoints();

    @Message
    String historyEntryActivation(java.time.OffsetDateTime at, boolean pending);

    @Message
    String historyEntryDelay(Integer days, boolean dayCounts);

    @Message
    String historyEntryRefunds();

    @Message
    String historyEntryRefund(String refund, String amount, long points, java.time.Instant at);

    @Message
    String historyEntryInconsistent();
}
