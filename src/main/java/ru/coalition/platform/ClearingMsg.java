package ru.coalition.platform;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The texts of clearing (issue 10 §6): the partner's statements in the portal, the operator's overview, and the
 * statement's CSV and PDF. Templates say {clearing:statementsTitle}; Java asks {@link Messages#clearing}.
 */
@MessageBundle(value = "clearing", locale = "ru")
public interface ClearingMsg {

    @Message
    String csvPeriod();

    @Message
    String csvPartner();

    @Message
    String csvSide();

    @Message
    String csvCategory();

    @Message
    String csvCorrection();

    @Message
    String csvPoints();

    @Message
    String csvAmount();

    @Message
    String csvNet();

    @Message
    String side(String value);

    @Message
    String category(String value);

    @Message
    String pdfTitle(String partner, String month);

    @Message
    String closed();

    @Message
    String open();

    @Message
    String issued();

    @Message
    String redeemed();

    @Message
    String expired();

    @Message
    String rate();

    @Message
    String netOwedToPartner();

    @Message
    String netPartnerOwes();

    @Message
    String netNone();

    @Message
    String linesTitle();

    @Message
    String correction();

    @Message
    String pdfFoot();

    @Message
    String month();

    @Message
    String show();

    @Message
    String statementCsv();

    @Message
    String statementPdf();

    @Message
    String linesNone();

    @Message
    String amountColumn();

    @Message
    String issuedShort();

    @Message
    String redeemedShort();

    @Message
    String expiredShort();

    @Message
    String netColumn();

    @Message
    String chart();

    @Message
    String redeemedTotal();

    @Message
    String expiredTotal();

    @Message
    String netTotal();

    @Message
    String margin();

    @Message
    String balances();

    @Message
    String outstanding();
}
