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

    @Message
    String segmentsLead();

    @Message
    String segmentsLeadPartner();

    @Message
    String segmentsNone();

    @Message
    String segmentNew();

    @Message
    String segmentEdit();

    @Message
    String segmentName();

    @Message
    String segmentUpdated();

    @Message
    String segmentAuthor();

    @Message
    String segmentSaved();

    @Message
    String segmentDeleted();

    @Message
    String segmentSave();

    @Message
    String segmentDelete();

    @Message
    String segmentMatch();

    @Message
    String segmentMatchAll();

    @Message
    String segmentMatchAny();

    @Message
    String segmentKept(int n);

    @Message
    String segmentCountTitle();

    @Message
    String segmentCountMembers(String count, String category);

    @Message
    String segmentFewerThan(int n);

    @Message
    String segmentCountNone();

    @Message
    String segmentCountHint();

    @Message
    String segmentCountHintPartner();

    @Message
    String segmentCountButton();

    @Message
    String segmentQuestionnaire();

    @Message
    String segmentAgeBand();

    @Message
    String segmentAge(String code);

    @Message
    String segmentAny();

    @Message
    String segmentCities();

    @Message
    String segmentBirthday();

    @Message
    String segmentConsentTitle();

    @Message
    String segmentConsent();

    @Message
    String segmentNoMatter();

    @Message
    String segmentConsentKind(String kind);

    @Message
    String segmentBehaviour();

    @Message
    String segmentBehaviourPartner();

    @Message
    String segmentPartnerOf(String what);

    @Message
    String segmentAnyPartner();

    @Message
    String segmentDays(String what);

    @Message
    String segmentMinSpend();

    @Message
    String segmentMaxSpend();

    @Message
    String segmentMinVisits();

    @Message
    String segmentMaxVisits();

    @Message
    String segmentTierPartner();

    @Message
    String segmentTierCodes();

    @Message
    String segmentMinBalance();

    @Message
    String segmentMaxBalance();

    @Message
    String segmentBehaviourHint();

    @Message
    String segmentBehaviourHintPartner();

    @Message
    String segmentCountAsOf(String count, String time);
}
