package ru.coalition.platform;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

import java.time.LocalDate;

/**
 * The texts of the rewards catalog (issue 10 §4): the cabinet's catalog and vouchers, the cashier's voucher form, the
 * operator's catalog editor, and the voucher's SMS and e-mail. Templates say {catalog:order}; Java asks
 * {@link Messages#catalog}. Menu labels stay in {@link Msg}. The e-mail's messages take Object: that template is not
 * type-checked.
 */
@MessageBundle(value = "catalog", locale = "ru")
public interface CatalogMsg {

    // ---- the member's cabinet ----

    @Message
    String cabinetLead(long balance);

    @Message
    String cabinetEmpty();

    @Message
    String honouredBy(String partner);

    @Message
    String validity(int days);

    @Message
    String stockLeft(Integer count);

    @Message
    String limitOf(Integer limit);

    @Message
    String until(LocalDate day);

    @Message
    String order();

    @Message
    String orderConfirmText(String title, long cost);

    @Message
    String orderConfirm(long cost);

    @Message
    String refusal(String value);

    @Message
    String orderDone(String code);

    @Message
    String vouchersNone();

    @Message
    String voucherState(String value);

    @Message
    String voucherShow();

    @Message
    String voucherQrLabel(String code);

    @Message
    String voucherCost();

    @Message
    String voucherIssued();

    @Message
    String voucherRedeemed();

    @Message
    String voucherExpires();

    @Message
    String voucherReturned(long cost);

    @Message
    String historyVoucher(String code);

    @Message
    String historyVoucherReturned(String code);

    // ---- the voucher's SMS and e-mail ----

    @Message
    String smsVoucher(String title, String partner, String code, LocalDate until);

    @Message
    String mailVoucherSubject(String title);

    @Message
    String mailVoucherGreeting(Object name);

    @Message
    String mailVoucherBody(Object title, Object partner, Object cost);

    @Message
    String mailVoucherCode();

    @Message
    String mailVoucherUntil(Object until);

    @Message
    String mailVoucherLink();

    // ---- the cashier's screen ----

    @Message
    String tillVoucher();

    @Message
    String tillVoucherButton();

    @Message
    String tillVoucherHint();

    @Message
    String tillVoucherDone(String title, String code);

    // ---- the operator's catalog editor ----

    @Message
    String consoleNew();

    @Message
    String consoleEdit();

    @Message
    String consoleEmpty();

    @Message
    String field(String value);

    @Message
    String fieldHint(String value);

    @Message
    String consolePeriod();

    @Message
    String consoleState();

    @Message
    String unlimited();

    @Message
    String consoleActive();

    @Message
    String consoleInactive();

    @Message
    String consoleWithdraw();

    @Message
    String consoleWithdrawWarning();

    @Message
    String consoleWithdrawConfirm(String title);

    @Message
    String consoleRestore();

    @Message
    String consoleCurrentPicture();

    @Message
    String consoleSave();

    @Message
    String consoleSaved(String title);

    @Message
    String consoleWithdrawn(String title);

    @Message
    String consoleRestored(String title);
}
