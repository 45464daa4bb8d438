package ru.coalition.platform;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Campaigns (issue 12 §4): the operator's newsletter and special offers, partners' requests, the mail layout. Templates say {campaign:campaignsTitle}; Java asks {@link Messages#campaign}.
 */
@MessageBundle(value = "campaign", locale = "ru")
public interface CampaignMsg {

    @Message
    String campaignsTitle();

    @Message
    String mailFooterOperator();

    @Message
    String mailFooterPartner(String partner);

    @Message
    String mailUnsubscribe();

    @Message
    String newsletterName(String date);

    @Message
    String newsletterSubject();

    @Message
    String newsletterGreeting(String name);

    @Message
    String newsletterRewardsHeading();

    @Message
    String newsletterReward(String title, String points, String partner);

    @Message
    String newsletterCatalogLink();

    @Message
    String newsletterPartnersHeading();

    @Message
    String newsletterPartner(String name, String city);

    @Message
    String newsletterClosing();

    @Message
    String newsletterCabinetLink();

    @Message
    String campaignsLead();

    @Message
    String campaignsNewEmail();

    @Message
    String campaignsNewSms();

    @Message
    String campaignsNone();

    @Message
    String campaignsRelated();

    @Message
    String campaignStatus(String value);

    @Message
    String campaignKind(String value);

    @Message
    String campaignChannel(String value);

    @Message
    String campaignField(String value);

    @Message
    String campaignColumnName();

    @Message
    String campaignColumnKind();

    @Message
    String campaignColumnPartner();

    @Message
    String campaignColumnStatus();

    @Message
    String campaignColumnWhen();

    @Message
    String campaignColumnRecipients();

    @Message
    String campaignOperatorOwn();

    @Message
    String newCampaignTitle();

    @Message
    String campaignSegmentWholeBase();

    @Message
    String campaignSegmentHint();

    @Message
    String campaignBodyHint();

    @Message
    String campaignEnglishLegend();

    @Message
    String smsParts(Object length, Object parts, Object perPart);

    @Message
    String campaignSmsUnicode();

    @Message
    String campaignTrackOpens();

    @Message
    String campaignTrackClicks();

    @Message
    String campaignSave();

    @Message
    String campaignTestSend();

    @Message
    String campaignTestLanguage();

    @Message
    String campaignSchedule();

    @Message
    String campaignScheduleAt();

    @Message
    String campaignUnschedule();

    @Message
    String campaignReject();

    @Message
    String campaignRejectReason();

    @Message
    String campaignPreviewTitle();

    @Message
    String campaignPreviewRu();

    @Message
    String campaignPreviewEn();

    @Message
    String campaignPreviewSaveFirst();

    @Message
    String doneSaved();

    @Message
    String doneScheduled();

    @Message
    String doneTested();

    @Message
    String doneRejected();

    @Message
    String doneUnscheduled();

    @Message
    String doneRequested();

    @Message
    String doneWithdrawn();

    @Message
    String requestedBy(String who);

    @Message
    String approvedBy(String who);

    @Message
    String rejectedBecause(String reason);

    @Message
    String newsletterSlotIs(String when);

    @Message
    String wishedAt(String when);

    @Message
    String scheduledFor(String when);

    @Message
    String partnerCampaignsTitle();

    @Message
    String partnerCampaignsLead();

    @Message
    String partnerNewRequest();

    @Message
    String partnerRequest();

    @Message
    String partnerWishedAt();

    @Message
    String partnerWithdraw();

    @Message
    String partnerNoSegments();

    @Message
    String campaignFiguresTitle();

    @Message
    String smsPartsFormat();

    @Message
    String campaignPause();

    @Message
    String campaignResume();

    @Message
    String campaignCancel();

    @Message
    String donePaused();

    @Message
    String doneResumed();

    @Message
    String doneCancelled();
}
