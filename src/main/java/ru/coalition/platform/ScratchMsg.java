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
}
