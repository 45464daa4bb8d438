package ru.coalition.platform;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The texts of the rule back-test (issue 13 §4): the editor's «Проверить на прошлых чеках» and the results page.
 * Templates say {bt:btTitle}; Java asks {@link Messages#backtest}.
 */
@MessageBundle(value = "bt", locale = "ru")
public interface BacktestMsg {

    @Message
    String btTitle();

    @Message
    String btLead();

    @Message
    String btStartTitle();

    @Message
    String btStartHint();

    @Message
    String btFrom();

    @Message
    String btTo();

    @Message
    String btStart();

    @Message
    String btPeriod(java.time.LocalDate from, java.time.LocalDate to);

    @Message
    String btPeriodProblem(String message);

    @Message
    String btRunning(int done, int total);

    @Message
    String btRefresh();

    @Message
    String btFailed();

    @Message
    String btFigure();

    @Message
    String btInForce();

    @Message
    String btDraft();

    @Message
    String btChange();

    @Message
    String btReceipts();

    @Message
    String btMembers();

    @Message
    String btSpend();

    @Message
    String btPoints();

    @Message
    String btCost();

    @Message
    String btCostHint(String rate);

    @Message
    String btNoRate();

    @Message
    String btNoReceipts();

    @Message
    String btThresholds();

    @Message
    String btThresholdsHint();

    @Message
    String btThreshold();

    @Message
    String btBalance();

    @Message
    String btOnlyDraft();

    @Message
    String btOnlyInForce();

    @Message
    String btNoThresholds();

    @Message
    String btTiers();

    @Message
    String btTiersHint();

    @Message
    String btTier();

    @Message
    String btNoTiers();

    @Message
    String btInForceVersion(java.time.LocalDate from);

    @Message
    String btChartTitle();

    @Message
    String btCsv();

    @Message
    String btBackToEditor();
}
