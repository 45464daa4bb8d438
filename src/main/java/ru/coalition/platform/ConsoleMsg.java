package ru.coalition.platform;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

import java.time.Instant;

/**
 * The texts of the operator console: partners, the member desk, the mailing audience, the points check and the
 * audit log. Templates say {console:deskTitle}; the shared words stay in {@link Msg}.
 */
@MessageBundle(value = "console", locale = "ru")
public interface ConsoleMsg {

    @Message
    String auditActionLabel(String value);

    @Message
    String operatorTitle();

    @Message
    String operatorPartnerNewHint();

    @Message
    String operatorSuspend();

    @Message
    String operatorActivate();

    @Message
    String operatorActions();

    @Message
    String operatorReasonFor(String name);

    @Message
    String operatorSuspendWarning();

    @Message
    String operatorSuspendConfirm(String name);

    @Message
    String operatorSuspendedBecause(String reason);

    @Message
    String operatorTenantFile(String file);

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
    String ledgerAuditOnReplica(long seconds);

    @Message
    String ledgerAuditOnReplicaUnknown();

    @Message
    String ledgerAuditOnPrimary();

    @Message
    String partitionsTitle();

    @Message
    String partitionsAbout();

    @Message
    String partitionsHeadroom(long ids, Long days);

    @Message
    String partitionsHeadroomLow();

    @Message
    String partitionsTableLabel(String value);

    @Message
    String partitionsName();

    @Message
    String partitionsIds();

    @Message
    String partitionsIdsFrom(long upper);

    @Message
    String partitionsRows();

    @Message
    String partitionsSize();

    @Message
    String partitionsMade();

    @Message
    String partitionsStageLabel(String value);

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
    String ledgerAdjustButton();

    @Message
    String ledgerAdjustWhere();

    @Message
    String deskSearch();

    @Message
    String deskSearchPlaceholder();

    @Message
    String deskFind();

    @Message
    String deskSearchHint();

    @Message
    String deskNotFound();

    @Message
    String deskCard();

    @Message
    String deskRegistered();

    @Message
    String deskNoWallets();

    @Message
    String deskHistory(long total);

    @Message
    String deskNote();

    @Message
    String audienceLead();

    @Message
    String audienceMembers();

    @Message
    String audienceEmail();

    @Message
    String audienceSms();

    @Message
    String audiencePercent(long percent);

    @Message
    String audienceByCity();

    @Message
    String audienceNone();

    @Message
    String audienceChart();

    @Message
    String audienceOtherCities();

    @Message
    String audienceConsentHint();

    @Message
    String sourceLabel(String value);

    @Message
    String outcomeLabel(String value);

    @Message
    String walletShortLabel(String value);

    @Message
    String ledgerAuditTriggerLabel(String value);

    @Message
    String ledgerCheckLabel(String value);

    @Message
    String auditActorTill(String partner);

    @Message
    String auditActorSystem();

    @Message
    String auditDetailLabel(String value);

    @Message
    String auditPartner();

    @Message
    String auditBadPeriod();

    @Message
    String auditFilterActor();

    @Message
    String auditFilterAction();

    @Message
    String auditFilterPartner();

    @Message
    String auditFilterFrom();

    @Message
    String auditFilterTo();

    @Message
    String auditAnyAction();

    @Message
    String auditAnyPartner();

    @Message
    String auditApply();

    @Message
    String auditReset();

    @Message
    String auditExport();

    @Message
    String auditFound(long total);

    @Message
    String auditPageOf(int page, int pages);

    @Message
    String auditPages();

    @Message
    String deskWallets();

    @Message
    String opAnalyticsTitle();

    @Message
    String opAnalyticsIntro();

    @Message
    String opAnalyticsFrom();

    @Message
    String opAnalyticsTo();

    @Message
    String opAnalyticsShow();

    @Message
    String opAnalyticsPeriod(java.time.LocalDate from, java.time.LocalDate to);

    @Message
    String opAnalyticsMembers();

    @Message
    String opAnalyticsMembersHint();

    @Message
    String opAnalyticsNewMembers();

    @Message
    String opAnalyticsNewMembersHint();

    @Message
    String opAnalyticsActive();

    @Message
    String opAnalyticsActiveHint();

    @Message
    String opAnalyticsRevenue();

    @Message
    String opAnalyticsRevenueHint();

    @Message
    String opAnalyticsReceipts();

    @Message
    String opAnalyticsLiability();

    @Message
    String opAnalyticsLiabilityHint(String month, String points);

    @Message
    String opAnalyticsPartnersTitle();

    @Message
    String opAnalyticsPartner();

    @Message
    String opAnalyticsCustomers();

    @Message
    String opAnalyticsPointsTitle(String month);

    @Message
    String opAnalyticsPointsHint();

    @Message
    String opAnalyticsIssued();

    @Message
    String opAnalyticsRedeemed();

    @Message
    String opAnalyticsExpired();

    @Message
    String opAnalyticsOutstanding();

    @Message
    String opAnalyticsRate();

    @Message
    String opAnalyticsTrendTitle();

    @Message
    String opAnalyticsMonth();

    @Message
    String opAnalyticsClosed();

    @Message
    String opAnalyticsGrowthTitle();

    @Message
    String opAnalyticsGrowthHint();

    @Message
    String opAnalyticsRegistered();

    @Message
    String opAnalyticsViaCabinet();

    @Message
    String opAnalyticsViaApi();

    @Message
    String opAnalyticsViaOther();

    @Message
    String opAnalyticsReferred();

    @Message
    String opAnalyticsInForce();

    @Message
    String opAnalyticsHoursTitle();

    @Message
    String opAnalyticsHoursHint();

    @Message
    String opAnalyticsBusiest(String day, int hour, String receipts);

    @Message
    String opAnalyticsNoReceipts();

    @Message
    String opAnalyticsWeekday();

    @Message
    String opAnalyticsHour();

    @Message
    String opAnalyticsOverlapTitle();

    @Message
    String opAnalyticsOverlapHint();

    @Message
    String opAnalyticsTable();

    @Message
    String opAnalyticsCsv();

    @Message
    String opAnalyticsSection();

    @Message
    String opAnalyticsRow();

    @Message
    String opAnalyticsFigure();

    @Message
    String opAnalyticsValue();

    @Message
    String opAnalyticsSummaryTitle();

    @Message
    String opAnalyticsAll();
}
