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

    @Message
    String centreLead();

    /** OPERATOR_MARKETING, PARTNER_MARKETING, SERVICE. */
    @Message
    String purposeName(String value);

    @Message
    String purposeHint(String value);

    /** EMAIL, SMS. */
    @Message
    String channelName(String value);

    @Message
    String wordingVersion(String version);

    @Message
    String essentialNote();

    @Message
    String historyVersion();

    @Message
    String historyAddress();

    /** How a decision was made: cabinet, api, one-click, page, mailto, sms-stop, operator. */
    @Message
    String how(String value);

    /** A consent by its API name, as a phrase: "the program's news by e-mail". */
    @Message
    String kindPhrase(String value);

    @Message
    String unsubTitle();

    @Message
    String unsubLead(String what);

    @Message
    String unsubThis(String what);

    @Message
    String unsubAllMarketing();

    @Message
    String unsubKeep();

    @Message
    String unsubDone(String what);

    @Message
    String unsubDoneAll();

    @Message
    String unsubKept();

    @Message
    String unsubManage();

    @Message
    String unsubInvalid();

    @Message
    String unsubInvalidLead();

    /** The opt-out line of a marketing SMS. */
    @Message
    String smsFooter(String number);

    @Message
    String proofLink();

    @Message
    String proofTitle();

    @Message
    String proofLead();

    @Message
    String proofSearch();

    @Message
    String proofFind();

    @Message
    String proofNotFound();

    @Message
    String proofMember();

    @Message
    String proofCard();

    @Message
    String proofExportedAt();

    @Message
    String proofExportedBy();

    @Message
    String proofCsv();

    @Message
    String proofPrintHint();

    @Message
    String proofAt();

    @Message
    String proofConsent();

    @Message
    String proofDecision();

    @Message
    String proofSource();

    @Message
    String proofText();

    @Message
    String proofInForce();

    @Message
    String proofDecisionValue(boolean granted);

    @Message
    String proofEmpty();
}
