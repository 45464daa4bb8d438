package ru.coalition.analytics;

import ru.coalition.members.MemberFilters.Dimension;
import ru.coalition.platform.Messages;
import ru.coalition.platform.Msg;
import ru.coalition.platform.PortalMsg;
import ru.coalition.platform.SegmentMsg;

import java.util.Locale;

/** The answers of a portrait in words, with the labels the questionnaire and the segment editor use. */
final class PortraitLabels {

    private final Msg msg;
    private final SegmentMsg segment;
    private final PortalMsg portal;

    PortraitLabels(Locale locale) {
        this.msg = Messages.of(locale);
        this.segment = Messages.segment(locale);
        this.portal = Messages.portal(locale);
    }

    String of(Dimension d, String code, String spelling) {
        if (Portraits.OTHER.equals(code)) {
            return portal.analyticsOther();
        }
        return switch (d) {
            case age -> segment.segmentAge(code);
            case gender -> msg.genderLabel(code);
            case socialStatus -> msg.socialLabel(code);
            case incomeBracket -> msg.incomeLabel(code);
            case city -> spelling;
        };
    }

    String dimension(Dimension d) {
        return portal.analyticsDimension(d.name());
    }
}
