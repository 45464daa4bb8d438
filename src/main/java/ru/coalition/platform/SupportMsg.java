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

    @Message
    String queuesLabel();

    @Message
    String queueLabel(String key);

    @Message
    String queueSearch();

    @Message
    String queueSearchPlaceholder();

    @Message
    String queueFind();

    @Message
    String queueEmpty();

    @Message
    String anyPartner();

    @Message
    String ticketNumber();

    @Message
    String ticketSubject();

    @Message
    String ticketCategory();

    @Message
    String ticketPriority();

    @Message
    String ticketState();

    @Message
    String ticketPartner();

    @Message
    String ticketAssignee();

    @Message
    String ticketUpdated();

    @Message
    String categoryLabel(String value);

    @Message
    String priorityLabel(String value);

    @Message
    String stateLabel(String value);

    @Message
    String ticketChannel(String value);

    @Message
    String routedTo(String name);

    @Message
    String mergedInto();

    @Message
    String doneLabel(String value);

    @Message
    String nobody();

    @Message
    String take();

    @Message
    String solve();

    @Message
    String conversation();

    @Message
    String authorKind(String value);

    @Message
    String internalNote();

    @Message
    String replyTitle();

    @Message
    String macro();

    @Message
    String macroNone();

    @Message
    String macroInsert();

    @Message
    String replyBody();

    @Message
    String asInternalNote();

    @Message
    String send();

    @Message
    String replyHint();

    @Message
    String caseTitle();

    @Message
    String receipt();

    @Message
    String purchaseDate();

    @Message
    String purchaseAmount();

    @Message
    String orderRef();

    @Message
    String outcome();

    @Message
    String caseOutcome(String value);

    @Message
    String adjustmentsTitle();

    @Message
    String save();

    @Message
    String adjustTitle();

    @Message
    String wallet();

    @Message
    String points();

    @Message
    String adjustReason();

    @Message
    String adjustHint(String number);

    @Message
    String adjust();

    @Message
    String routeTo();

    @Message
    String routeBack();

    @Message
    String route();

    @Message
    String mergeInto();

    @Message
    String merge();

    @Message
    String ticketHistory();

    @Message
    String eventLabel(String value);

    @Message
    String memberStatus();

    @Message
    String recent();

    @Message
    String recentAt(String name);

    @Message
    String recentNone();

    @Message
    String otherTickets();

    @Message
    String otherTicketsNone();

    @Message
    String noMember();

    @Message
    String noMemberHint();

    @Message
    String shortcuts();

    @Message
    String keyReply();

    @Message
    String keyNote();

    @Message
    String keyQueue();

    @Message
    String myTickets();

    @Message
    String myTicketsNone();

    @Message
    String newTicket();

    @Message
    String claimMissingPoints();

    @Message
    String memberState(String value);

    @Message
    String formField(String field);

    @Message
    String categoryHint(String value);

    @Message
    String partnerNone();

    @Message
    String claimTitle();

    @Message
    String claimHint();

    @Message
    String sendTicket();

    @Message
    String memberDone(String value, String number);

    @Message
    String you();

    @Message
    String rateQuestion();

    @Message
    String rateScore(int score);

    @Message
    String rateComment();

    @Message
    String rateSend();

    @Message
    String rateChoose();

    @Message
    String ratedWith(Integer score);

    @Message
    String replyLabel();

    @Message
    String replyReopens();

    @Message
    String closedHint();

    @Message
    String casesIntro(String name);

    @Message
    String casesNone();

    @Message
    String casesOperator();

    @Message
    String casesNoteToOperator();

    @Message
    String historyForTicket(String number);

    @Message
    String macrosTitle();

    @Message
    String macrosIntro();

    @Message
    String macroSaved();

    @Message
    String macroRetired();

    @Message
    String macroActive();

    @Message
    String macroAnyCategory();

    @Message
    String macroEdit();

    @Message
    String macroNew();

    @Message
    String macroTitle();

    @Message
    String macroPlaceholders();

    @Message
    String macroState();

    @Message
    String attachChoose();

    @Message
    String attachmentsTitle();

    @Message
    String attachFile();

    @Message
    String attach();

    @Message
    String attachInternal();

    // --- the e-mail channel (issue 11 §2): the desk's texts in mails and in tickets made from mails ---

    @Message
    String mailAttachmentsNotKept(String names);

    @Message
    String mailEmptyBody();

    @Message
    String mailNoSubject();

    @Message
    String mailReplySubject(String subject, String number);

    @Message
    String mailReplySignature(String agent, String number);

    // --- the phone channel (issue 11 §2): the console's call log ---

    @Message
    String callsTitle();

    @Message
    String callsLead();

    @Message
    String callsPhone();

    @Message
    String callsPhoneHint();

    @Message
    String callsCard();

    @Message
    String callsCardHint();

    @Message
    String callsFind();

    @Message
    String callsCallerFound(String name, String card);

    @Message
    String callsCallerUnknown();

    @Message
    String callsSummary();

    @Message
    String callsOutcome();

    @Message
    String callsOutcomeLabel(String value);

    @Message
    String callsCategory();

    @Message
    String callsCategoryLabel(String value);

    @Message
    String callsSubject();

    @Message
    String callsSubjectHint();

    @Message
    String callsPartner();

    @Message
    String callsPartnerHint();

    @Message
    String callsTicket();

    @Message
    String callsTicketHint();

    @Message
    String callsTicketUnknown();

    @Message
    String callsSubmit();

    @Message
    String callsDone(String number, boolean opened);

    @Message
    String callsToday(int count);

    @Message
    String callsNone();

    @Message
    String callsWhen();

    @Message
    String callsCaller();

    @Message
    String callsTicketColumn();

    @Message
    String callsAgent();

    @Message
    String callsEvent();

    @Message
    String callsOnTicket(int count);
}
