package ru.coalition.platform;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The texts of scratch cards (issue 10): the portal's batches, the cabinet's code entry, the operator's list and the
 * printed card. Templates say {scratch:batchesTitle}; Java asks {@link Messages#scratch}. One bundle per feature of this
 * size keeps each generated resolver small.
 */
@MessageBundle(value = "scratch", locale = "ru")
public interface ScratchMsg {

    @Message
    String pdfValidUntil(String date);

    @Message
    String pdfSerial(String serial);

    @Message
    String pdfCodeLabel();

    @Message
    String pdfHowTo();

    @Message
    String batchesLead();

    @Message
    String orderTitle();

    @Message
    String fieldCount();

    @Message
    String fieldPoints();

    @Message
    String fieldValidUntil();

    @Message
    String fieldNote();

    @Message
    String orderHint();

    @Message
    String orderButton();

    @Message
    String disabled();

    @Message
    String batchesList();

    @Message
    String batchesNone();

    @Message
    String colBatch();

    @Message
    String colStatus();

    @Message
    String colRedeemed();

    @Message
    String batchName(int no);

    @Message
    String status(String value);

    @Message
    String statusAbout(String value);

    @Message
    String progress(String generated, String count);

    @Message
    String progressRefresh();

    @Message
    String orderedBy();

    @Message
    String activatedAt();

    @Message
    String closedAt();

    @Message
    String serials();

    @Message
    String downloadsTitle();

    @Message
    String downloadsHint();

    @Message
    String downloadCsv();

    @Message
    String downloadPdf(String from, String to);

    @Message
    String actionsTitle();

    @Message
    String activate();

    @Message
    String activateConfirm();

    @Message
    String activateYes();

    @Message
    String cancel();

    @Message
    String cancelConfirm();

    @Message
    String cancelYes();

    @Message
    String batchActivatedDone();

    @Message
    String batchCancelledDone();

    @Message
    String credited(String points, String partner);

    @Message
    String creditedCoalition();

    @Message
    String creditedWallet(String partner);

    @Message
    String creditedActive(String at);

    @Message
    String enterLead();

    @Message
    String cardCodeLabel();

    @Message
    String codeHint();

    @Message
    String enterButton();

    @Message
    String enteredTitle();

    @Message
    String enteredNone();

    @Message
    String serialShort(String serial);

    @Message
    String operatorLead();

    @Message
    String colPartner();

    @Message
    String creditedActiveNow();

    @Message
    String orderedOn();
}
