package ru.coalition.platform;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * The texts of the partner portal: its summary, the cashier screen (till) and the program editor. Templates say
 * {portal:tillTitle}; the shared words (menus, fields, statuses) stay in {@link Msg}. One bundle per audience keeps
 * each generated resolver small (Quarkus 3.34 emits unverifiable bytecode for one bundle of some 340 messages).
 */
@MessageBundle(value = "portal", locale = "ru")
public interface PortalMsg {

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
    String tillTitle();

    @Message
    String tillFind();

    @Message
    String tillFindButton();

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
    String tillPurchase();

    @Message
    String tillReceipt();

    @Message
    String tillReceiptAuto();

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
    String tillLatest();

    @Message
    String tillLatestNone();

    @Message
    String tillItem();

    @Message
    String tillRefunded();

    @Message
    String tillRefundAmount();

    @Message
    String tillRefundPick();

    @Message
    String tillRefundAmountOf(String item);

    @Message
    String tillReceiptRefunded();

    @Message
    String tillReceiptPartly();

    @Message
    String tillLineRefunded();

    @Message
    String tillReceiptOf(String receipt);

    @Message
    String tillReceiptSummary(java.time.OffsetDateTime at, java.math.BigDecimal total, long points);

    @Message
    String tillRefundSubmit();

    @Message
    String editorTitle();

    @Message
    String editorExport();

    @Message
    String editorProblems();

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
    String editorLimits();

    @Message
    String editorExpiry();

    @Message
    String editorExpiryHint();

    @Message
    String editorExpiryAfter();

    @Message
    String editorExpiryInactivity();

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
    String tillLine(int number);

    @Message
    String roundingLabel(String value);

    @Message
    String editorShownFuture(java.time.LocalDate from);

    @Message
    String editorShownCurrent(java.time.LocalDate from);

    @Message
    String editorRefusedPast(java.time.LocalDate from);

    @Message
    String editorRefusedInForce(java.time.LocalDate from);

    @Message
    String editorRefusedWallet();

    @Message
    String portalMonthTotal();

    @Message
    String portalLastMonth(java.math.BigDecimal total);

    @Message
    String portalMonthReceipts();

    @Message
    String portalMonthCustomers(long count);

    @Message
    String portalMonthPoints();

    @Message
    String portalPointsHint();

    @Message
    String portalMonths();

    @Message
    String portalMonthsTable();

    @Message
    String portalMonth();

    @Message
    String portalAbout();

    @Message
    String editorPreviewTotal();

    @Message
    String editorProblem(String field, String rule);

    @Message
    String editorProblemOther();

    @Message
    String editorFieldLabel(String value);

    @Message
    String editorRuleType(String expected);

    @Message
    String editorRuleMinimum(String limit);

    @Message
    String editorRuleMaximum(String limit);

    @Message
    String editorRuleRequired();

    @Message
    String editorRuleTooLong();

    @Message
    String editorRuleFormat();

    @Message
    String editorRuleChoice();

    @Message
    String editorRuleDate();

    @Message
    String editorRuleCostAboveBalance(String limit);

    @Message
    String editorRuleTierOrder();

    @Message
    String editorRuleFirstTierZero();

    @Message
    String editorRuleOther();

    @Message
    String analyticsTitle();

    @Message
    String analyticsIntro();

    @Message
    String analyticsFrom();

    @Message
    String analyticsTo();

    @Message
    String analyticsShow();

    @Message
    String analyticsLast30();

    @Message
    String analyticsLast90();

    @Message
    String analyticsCompared(java.time.LocalDate from, java.time.LocalDate to);

    @Message
    String analyticsRevenue();

    @Message
    String analyticsReceipts();

    @Message
    String analyticsMembers();

    @Message
    String analyticsAverageReceipt();

    @Message
    String analyticsFrequency();

    @Message
    String analyticsNewMembers();

    @Message
    String analyticsFromOtherPartners();

    @Message
    String analyticsBefore(String value);


    @Message
    String analyticsChartTitle();

    @Message
    String analyticsChartEmpty();

    @Message
    String analyticsDays();

    @Message
    String analyticsDay();

    @Message
    String analyticsCsv();

    @Message
    String analyticsOther();

    @Message
    String analyticsDimension(String dimension);

    @Message
    String analyticsPortraitTitle();

    @Message
    String analyticsPortraitLink();

    @Message
    String analyticsPortraitIntro();

    @Message
    String analyticsMonths(java.time.LocalDate from, java.time.LocalDate to);

    @Message
    String analyticsSegment();

    @Message
    String analyticsAllCustomers();

    @Message
    String analyticsAnswer();

    @Message
    String analyticsPeople();

    @Message
    String analyticsRevenueApprox();

    @Message
    String analyticsSuppressed(int count);

    @Message
    String analyticsPortraitEmpty();

    @Message
    String analyticsCrossTab();

    @Message
    String analyticsCrossTabHidden();

    @Message
    String analyticsPortraitCsv();

    @Message
    String analyticsDimensionColumn();

    @Message
    String analyticsOtherPartners();

    @Message
    String analyticsCoalitionTitle();

    @Message
    String analyticsCoalitionLink();

    @Message
    String analyticsCoalitionIntro();

    @Message
    String analyticsCustomers();

    @Message
    String analyticsAlsoElsewhere();

    @Message
    String analyticsAlsoElsewhereShare();

    @Message
    String analyticsAcquiredRevenueShare();

    @Message
    String analyticsFewerThan(int k);

    @Message
    String analyticsSourcesTitle();

    @Message
    String analyticsSourcesEmpty();

    @Message
    String analyticsSourcesSuppressed(int count);

    @Message
    String analyticsCameFrom(String partner);

    @Message
    String analyticsPartner();

    @Message
    String analyticsFigure();

    @Message
    String analyticsValue();

    @Message
    String analyticsCoalitionCsv();

    @Message
    String analyticsFrequencyTitle();

    @Message
    String analyticsBand(String band);

    @Message
    String analyticsReturning();

    @Message
    String analyticsCohortsTitle();

    @Message
    String analyticsCohortsHint();

    @Message
    String analyticsCohortMonth();

    @Message
    String analyticsCohortOffset(int months);

    @Message
    String analyticsCohortsEmpty();

    @Message
    String analyticsRfmTitle();

    @Message
    String analyticsRfmHint();

    @Message
    String analyticsRfmSegment(String segment);

    @Message
    String analyticsSegmentColumn();

    @Message
    String analyticsPointsTitle();

    @Message
    String analyticsPointsHint();

    @Message
    String analyticsMonth();

    @Message
    String analyticsIssued();

    @Message
    String analyticsRedeemed();

    @Message
    String analyticsExpired();

    @Message
    String analyticsOutstanding();

    @Message
    String analyticsScratchTitle();

    @Message
    String analyticsScratchHandedOut();

    @Message
    String analyticsScratchEntered();

    @Message
    String analyticsScratchPoints();

    @Message
    String analyticsCategoriesTitle();

    @Message
    String analyticsCategory();

    @Message
    String analyticsCategoryNone();

    @Message
    String analyticsCategoryRest();

    @Message
    String analyticsLines();

    @Message
    String analyticsShare();

    @Message
    String analyticsCategoriesEmpty();

    @Message
    String analyticsTable();

    @Message
    String analyticsSection();

    @Message
    String analyticsRow();

    @Message
    String analyticsBreakdownCsv();

    @Message
    String analyticsCrossSuppressed(int count);

    @Message
    String analyticsRfmShort(String segment);
}
