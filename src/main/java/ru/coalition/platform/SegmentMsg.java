package ru.coalition.platform;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Segments (issue 12 §3): the filters over the shared member base, their editor and live counts. Templates say {segment:segmentsTitle}; Java asks {@link Messages#segment}.
 */
@MessageBundle(value = "segment", locale = "ru")
public interface SegmentMsg {

    @Message
    String segmentsTitle();
}
