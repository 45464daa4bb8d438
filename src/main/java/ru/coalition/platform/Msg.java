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
 * {@link Formats} ({points.points}, {amount.rub}, {day.date}), the one place that formats them. A parameter's type is
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
    String portalSignedIn(String name);

    @Message
    String editorWalletHint();

    @Message
    String programTitle(String name);

    @Message
    String programNone();

    @Message
    String programEarn();

    @Message
    String programEarnRule(long points, java.math.BigDecimal rubles);

    @Message
    String programExcluded();

    @Message
    String programExcludedPromo();

    @Message
    String programActivation();

    @Message
    String programActivationNow();

    @Message
    String programActivationAfter(int days);

    @Message
    String programActivationNotCounting();

    @Message
    String programThreshold();

    @Message
    String programThresholdRule(long balance, java.math.BigDecimal nominal);

    @Message
    String programThresholdWindow(int days, long cost);

    @Message
    String programGiftCardUse();

    @Message
    String programReferral();

    @Message
    String programWelcome();

    @Message
    String programBirthday();

    @Message
    String programBirthdayGreeting();

    @Message
    String programScratchCards();

    @Message
    String programScratchCardsRule(long points, int days);

    @Message
    String programTiers(int months);

    @Message
    String tierName();

    @Message
    String tierMinSpend();

    @Message
    String tierWelcome();

    @Message
    String tierMultiplier();

    @Message
    String tierPrivileges();

    @Message
    String programVersions();

    @Message
    String programVersionFrom(java.time.LocalDate from);

    @Message
    String programVersionFuture();

    @Message
    String operatorTitle();

    @Message
    String operatorPartners();

    @Message
    String operatorAudit();

    @Message
    String operatorPartnerNew();

    @Message
    String operatorPartnerCreate();

    @Message
    String operatorPartnerNewHint();

    @Message
    String operatorReason();

    @Message
    String operatorSuspend();

    @Message
    String operatorActivate();

    @Message
    String operatorTenantFiles();

    @Message
    String operatorTenantRefused();

    @Message
    String auditAt();

    @Message
    String auditActor();

    @Message
    String auditAction();

    @Message
    String auditTarget();

    @Message
    String auditDetails();

    @Message
    String auditEmpty();

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
    String tillTitle();

    @Message
    String tillFind();

    @Message
    String tillFindButton();

    @Message
    String tillNotFound();

    @Message
    String tillMember(String name);

    @Message
    String tillOffers();

    @Message
    String tillOffersNone();

    @Message
    String tillOffer(String nominal, long cost);

    @Message
    String tillOfferUntil(java.time.OffsetDateTime until);

    @Message
    String tillCollect();

    @Message
    String tillCollectDone(String code, BigDecimal nominal);

    @Message
    String tillRedeem();

    @Message
    String tillRedeemPoints();

    @Message
    String tillRedeemCode();

    @Message
    String tillRedeemHint();

    @Message
    String tillRedeemButton();

    @Message
    String tillRedeemDone(long points);

    @Message
    String tillPurchase();

    @Message
    String tillReceipt();

    @Message
    String tillReceiptAuto();

    @Message
    String tillLines();

    @Message
    String tillSku();

    @Message
    String tillName();

    @Message
    String tillAmount();

    @Message
    String tillCategory();

    @Message
    String tillPromo();

    @Message
    String tillGiftcard();

    @Message
    String tillGiftcardCode();

    @Message
    String tillGiftcardAmount();

    @Message
    String tillPurchaseButton();

    @Message
    String tillPurchaseDone(String receipt);

    @Message
    String tillPurchaseReplayed();

    @Message
    String tillLatest();

    @Message
    String tillLatestNone();

    @Message
    String tillRefund();

    @Message
    String tillRefundButton();

    @Message
    String tillRefundDone(String receipt);

    @Message
    String portalTill();

    @Message
    String ledgerTitle();

    @Message
    String ledgerAudit();

    @Message
    String ledgerAuditScope(Long wallets, Long entries);

    @Message
    String ledgerAuditClean();

    @Message
    String ledgerAuditBreaches(Integer count);

    @Message
    String ledgerAuditDebts(Long count);

    @Message
    String ledgerAuditAbout();

    @Message
    String ledgerAuditLast(java.time.Instant at, String seconds);

    @Message
    String ledgerAuditNever();

    @Message
    String ledgerAuditFailed(java.time.Instant at, String error);

    @Message
    String ledgerAuditRunning(int done, int total);

    @Message
    String ledgerAuditRefresh();

    @Message
    String ledgerAuditRun();

    @Message
    String ledgerAuditLiveSince(long count);

    @Message
    String ledgerAuditLiveSinceMore(long count);

    @Message
    String ledgerAuditLiveSize(long wallets, long entries);

    @Message
    String ledgerCheck();

    @Message
    String ledgerWallet();

    @Message
    String ledgerPurchase();

    @Message
    String ledgerExpected();

    @Message
    String ledgerActual();

    @Message
    String ledgerAdjust();

    @Message
    String ledgerCard();

    @Message
    String ledgerWalletSlug();

    @Message
    String ledgerWalletHint();

    @Message
    String ledgerPoints();

    @Message
    String ledgerReason();

    @Message
    String ledgerAdjustButton();

    @Message
    String ledgerAdjustDone(long points, String wallet, long active);

    @Message
    String operatorLedger();

    @Message
    String editorTitle();

    @Message
    String editorExport();

    @Message
    String editorProblems();

    @Message
    String editorSaved(LocalDate from);

    @Message
    String editorGeneral();

    @Message
    String editorName();

    @Message
    String editorEffectiveFrom();

    @Message
    String editorEffectiveFromHint();

    @Message
    String editorEarnPoints();

    @Message
    String editorEarnPer();

    @Message
    String editorEarnRounding();

    @Message
    String editorDelayDays();

    @Message
    String editorPurchaseDayCounts();

    @Message
    String editorThresholds();

    @Message
    String editorTierName();

    @Message
    String editorThresholdHint(int max);

    @Message
    String editorThresholdId();

    @Message
    String editorThresholdBalance();

    @Message
    String editorThresholdNominal();

    @Message
    String editorThresholdCost();

    @Message
    String editorThresholdWindow();

    @Message
    String editorBonuses();

    @Message
    String editorBonusesHint();

    @Message
    String editorBirthdayGreeting();

    @Message
    String editorTiers();

    @Message
    String editorTiersMonths();

    @Message
    String editorTierCode();

    @Message
    String editorTierWelcome();

    @Message
    String editorTierPrivileges();

    @Message
    String editorThresholdLegend(int number);

    @Message
    String editorThresholdDrop();

    @Message
    String editorThresholdAdd();

    @Message
    String editorThresholdFull(int count);

    @Message
    String editorThresholdTooMany(int max, int count);

    @Message
    String editorTiersHint(int max);

    @Message
    String editorTierLegend(int number);

    @Message
    String editorTierMinSpend();

    @Message
    String editorTierDrop();

    @Message
    String editorTierAdd();

    @Message
    String editorTierFull(int count);

    @Message
    String editorTierTooMany(int max, int count);

    @Message
    String editorTierPrivilegesTooMany(String tier, int max, int count);

    @Message
    String editorLimits();

    @Message
    String editorLimitsAmount();

    @Message
    String editorLimitsAmountHint();

    @Message
    String editorLimitsPoints();

    @Message
    String editorLimitsPointsHint();

    @Message
    String editorScratchEnabled();

    @Message
    String editorScratchPoints();

    @Message
    String editorScratchDays();

    @Message
    String editorPreview();

    @Message
    String editorSample();

    @Message
    String editorSampleHint();

    @Message
    String editorSampleBad(String line);

    @Message
    String editorPreviewButton();

    @Message
    String editorPreviewEarns();

    @Message
    String editorPreviewResult(String eligible, java.time.Instant on);

    @Message
    String editorSave();

    @Message
    String editorReadOnly();

    @Message
    String portalProgram();

    @Message
    String tillLine(int number);

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
    String sourceLabel(String value);

    @Message
    String roundingLabel(String value);

    @Message
    String outcomeLabel(String value);

    @Message
    String walletShortLabel(String value);

    @Message
    String offerStatusLabel(String value);

    @Message
    String giftcardStatusLabel(String value);

    @Message
    String entryLabel(String value);

    @Message
    String ledgerAuditTriggerLabel(String value);

    @Message
    String ledgerCheckLabel(String value);

    /** «14 010 баллов»: count already formatted, category from {@link Formats#plural}. */
    @Message
    String pointsCount(String count, String category);

    @Message
    String daysCount(String count, String category);

    @Message
    String monthsCount(String count, String category);
}
