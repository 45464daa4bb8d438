package ru.coalition.platform;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * Every text a person reads on a page, in an e-mail or an SMS; the wording is in messages/msg_ru.properties and
 * msg_en.properties, and the build fails on a template that names a message not declared here. Templates say
 * {msg:walletsTitle}; Java asks {@link Messages#of}. Numbers, money and dates inside a message go through
 * {@link Formats} ({points.asPoints}, {amount.asRub}, {day.asDate}), the one place that formats them. A parameter's type is
 * the type its templates pass (int, Long, Instant…): Qute's build-time check accepts no wider one, not even Object.
 * The e-mail templates' messages take Object: those templates are not type-checked.
 */
@MessageBundle(value = "msg", locale = "ru")
public interface Msg {

    @Message
    String appName();

    @Message
    String navSkip();

    @Message
    String navLabel();

    @Message
    String navHome();

    @Message
    String navLogout();

    @Message
    String navSignIn();

    @Message
    String errorSummaryTitle(int count);

    @Message
    String yes();

    @Message
    String no();

    @Message
    String homeTitle();

    @Message
    String homeLead();

    @Message
    String homeRegister();

    @Message
    String homeCabinet();

    @Message
    String homePortal();

    @Message
    String homeConsole();

    @Message
    String homeMembers();

    @Message
    String homeMembersText();

    @Message
    String homePartners();

    @Message
    String homePartnersText();

    @Message
    String homeOperator();

    @Message
    String homeOperatorText();

    @Message
    String registerTitle();

    @Message
    String registerLead();

    @Message
    String registerHint();

    @Message
    String registerSubmit();

    @Message
    String registerDoneTitle();

    @Message
    String registerDoneSentEmail(String destination);

    @Message
    String registerDoneSentSms(String destination);

    @Message
    String registerDoneCard();

    @Message
    String registerDoneNext();

    @Message
    String registerDoneLogin();

    @Message
    String cabinetTitle();

    @Message
    String cabinetHello(String name);

    @Message
    String cabinetCard();

    @Message
    String cabinetProfile();

    @Message
    String cabinetReferral();

    @Message
    String cabinetConsents();

    @Message
    String mailPasswordSubject();

    @Message
    String mailPasswordGreeting(String name);

    @Message
    String mailPasswordCard(String card);

    @Message
    String mailPasswordLogin(String login);

    @Message
    String mailPasswordPassword();

    @Message
    String mailPasswordChange();

    @Message
    String mailPasswordLink();

    @Message
    String mailPasswordIgnore();

    @Message
    String smsPassword(String login, String password);

    @Message
    String portalTitle();

    @Message
    String operatorPartners();

    @Message
    String operatorAudit();

    @Message
    String operatorPartnerNew();

    @Message
    String operatorPartnerCreate();

    @Message
    String operatorReason();

    @Message
    String operatorPartnerCreated(String name);

    @Message
    String operatorPartnerSuspended(String name);

    @Message
    String operatorPartnerResumed(String name);

    @Message
    String operatorReasonNeeded();

    @Message
    String smsOffer(String partner, BigDecimal nominal, long cost, LocalDate until);

    @Message
    String mailOfferSubject(String partner);

    @Message
    String mailOfferGreeting(String name);

    @Message
    String mailOfferBody(String partner, Object nominal);

    @Message
    String mailOfferCost(Object cost);

    @Message
    String mailOfferUntil(Object until);

    @Message
    String mailOfferLink();

    @Message
    String smsBirthday(String name, String partner, long bonus);

    @Message
    String mailBirthdaySubject(String name);

    @Message
    String mailBirthdayGreeting(String name);

    @Message
    String mailBirthdayBody(String partner, Object bonus);

    @Message
    String mailBirthdayLink();

    @Message
    String walletsTitle();

    @Message
    String walletsCoalition();

    @Message
    String walletsActive();

    @Message
    String walletsPending();

    @Message
    String walletsNext(long points, java.time.OffsetDateTime on);

    @Message
    String walletsBar(long active, long pending);

    @Message
    String walletsPay();

    @Message
    String walletsPayHint();

    @Message
    String walletsPayButton();

    @Message
    String walletsPayValid(java.time.Instant until);

    @Message
    String walletsPayAgain();

    @Message
    String walletsOffers();

    @Message
    String walletsOffersNone();

    @Message
    String walletsOffer(String partner, String nominal);

    @Message
    String walletsOfferCost(long cost);

    @Message
    String walletsOfferUntil(java.time.OffsetDateTime until);

    @Message
    String walletsGiftcard(String partner, String nominal);

    @Message
    String walletsHistory();

    @Message
    String walletsHistoryNone();

    @Message
    String walletsWhen();

    @Message
    String walletsWhat();

    @Message
    String walletsPoints();

    @Message
    String walletsStatus();

    @Message
    String walletsPendingUntil(java.time.OffsetDateTime on);

    @Message
    String walletsDone();

    @Message
    String walletsPages();

    @Message
    String walletsReferral();

    @Message
    String walletsReferralHint();

    @Message
    String walletsReferralLink();

    @Message
    String historyAdjustmentPublic();

    @Message
    String historyReceipt(String receipt);

    @Message
    String historyBonus(String value);

    @Message
    String tillNotFound();

    @Message
    String tillCollectDone(String code, BigDecimal nominal);

    @Message
    String tillRedeemDone(long points);

    @Message
    String tillLines();

    @Message
    String tillPurchaseDone(String receipt);

    @Message
    String tillPurchaseReplayed();

    @Message
    String tillRefundDone(String receipt);

    @Message
    String tillRefundPickLines();

    @Message
    String tillLineField(int n, String field);

    @Message
    String tillFieldLabel(String value);

    @Message
    String portalTill();

    @Message
    String ledgerWalletSlug();

    @Message
    String ledgerPoints();

    @Message
    String ledgerReason();

    @Message
    String ledgerAdjustDone(long points, String wallet, long active);

    @Message
    String deskTitle();

    @Message
    String audienceTitle();

    @Message
    String operatorLedger();

    @Message
    String editorSaved(LocalDate from);

    @Message
    String editorThresholdTooMany(int max, int count);

    @Message
    String editorTierTooMany(int max, int count);

    @Message
    String editorTierPrivilegesTooMany(String tier, int max, int count);

    @Message
    String editorSampleBad(String line);

    @Message
    String portalProgram();

    @Message
    String walletsTierMultiplier(java.math.BigDecimal multiplier);

    @Message
    String walletsTierSpend(String spend);

    @Message
    String walletsTierNext(String tier, String from);

    @Message
    String fieldLabel(String value);

    @Message
    String genderLabel(String value);

    @Message
    String socialLabel(String value);

    @Message
    String incomeLabel(String value);

    @Message
    String channelLabel(String value);

    @Message
    String consentLabel(String value);

    @Message
    String partnerLabel(String value);

    @Message
    String walletLabel(String value);

    @Message
    String statusLabel(String value);

    @Message
    String offerStatusLabel(String value);

    @Message
    String giftcardStatusLabel(String value);

    @Message
    String entryLabel(String value);

    /** «14 010 баллов»: count already formatted, category from {@link Formats#plural}. */
    @Message
    String pointsCount(String count, String category);

    @Message
    String daysCount(String count, String category);

    @Message
    String monthsCount(String count, String category);

    @Message
    String inviteTitle();

    @Message
    String inviteLead(String email);

    @Message
    String invitePassword();

    @Message
    String invitePasswordRepeat();

    @Message
    String invitePasswordRule(int min);

    @Message
    String invitePasswordsDiffer();

    @Message
    String inviteSave();

    @Message
    String inviteDoneTitle();

    @Message
    String inviteDone();

    @Message
    String mailInviteSubject(String place);

    @Message
    String mailInviteGreeting(String name);

    @Message
    String mailInviteBody(String invitedBy, String place, String role);

    @Message
    String mailInviteLink();

    @Message
    String mailInviteUntil(java.time.LocalDate until);

    @Message
    String roleLabel(String value);

    @Message
    String staffTitle();

    @Message
    String staffInvite();

    @Message
    String staffInviteHint();

    @Message
    String staffEmail();

    @Message
    String staffFirstName();

    @Message
    String staffLastName();

    @Message
    String staffRole();

    @Message
    String staffPartner();

    @Message
    String staffInviteButton();

    @Message
    String staffInvited(String email);

    @Message
    String staffPending();

    @Message
    String staffActive();

    @Message
    String staffStatus();

    @Message
    String staffName();

    @Message
    String staffRemove();

    @Message
    String staffRemoveConfirm(String name);

    @Message
    String staffRemoveWarning();

    @Message
    String staffRemoved(String name);

    @Message
    String staffYou();

    @Message
    String staffAudit();

    @Message
    String operatorActionsShort();

    @Message
    String scratchBatchesTitle();

    @Message
    String scratchEnterTitle();

    @Message
    String scratchAllTitle();

    @Message
    String historyScratchCard(String serial);
    // the rewards catalog's pages in the menu (their texts: CatalogMsg)
    @Message
    String catalogTitle();

    @Message
    String vouchersTitle();

    @Message
    String operatorCatalog();

    @Message
    String statementsTitle();

    @Message
    String clearingTitle();

    @Message
    String navTickets();

    @Message
    String navSupport();

    @Message
    String navCases();

    @Message
    String navSupportFigures();

    @Message
    String navHonourBoard();

    /** Where a page's figures were read (tags/readFrom.html): the replica and its lag, or the primary. */
    @Message
    String readFromReplica(long seconds);

    @Message
    String readFromReplicaUnknown();

    @Message
    String readFromPrimary();
}
