package ru.coalition.platform;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The texts of the support desk's service levels (issue 11 §3): policies, the business calendar, at-risk and breached marks. Templates say {sla:slaTitle}; Java asks {@link Messages#sla}.
 */
@MessageBundle(value = "sla", locale = "ru")
public interface SlaMsg {

    @Message
    String slaTitle();

    @Message
    String slaMailSubject(String kind, String number);

    @Message
    String slaMailBody(String kind, String number, String subject);

    @Message
    String slaTargetLabel(String target);

    @Message
    String slaMailDue(String due);

    @Message
    String slaMailLink();

    @Message
    String slaNotices();

    @Message
    String slaNoticeKind(String kind);

    @Message
    String slaNoticesRead();

    @Message
    String slaIntro(String zone);

    @Message
    String slaReadOnly();

    @Message
    String slaPolicies();

    @Message
    String slaPoliciesHint();

    @Message
    String slaCategoryLabel();

    @Message
    String slaPriorityLabel();

    @Message
    String slaFirstResponse();

    @Message
    String slaResolution();

    @Message
    String slaCategory(String value);

    @Message
    String slaPriority(String value);

    @Message
    String slaSavePolicies();

    @Message
    String slaHours();

    @Message
    String slaHoursHint(String zone);

    @Message
    String slaDay();

    @Message
    String slaWorking();

    @Message
    String slaOpens();

    @Message
    String slaCloses();

    @Message
    String slaWeekday(int day);

    @Message
    String slaSaveHours();

    @Message
    String slaHolidays();

    @Message
    String slaHolidayDay();

    @Message
    String slaHolidayName();

    @Message
    String slaActions();

    @Message
    String slaHolidayRemove();

    @Message
    String slaHolidayRemoveLabel(String date);

    @Message
    String slaHolidaysEmpty();

    @Message
    String slaHolidayAdd();

    @Message
    String slaHoursInvalid();

    @Message
    String slaDayInvalid();

    @Message
    String slaNoWorkingDay();

    @Message
    String slaPoliciesSaved(int count);

    @Message
    String slaHoursSaved();

    @Message
    String slaHolidayAdded(String date);

    @Message
    String slaHolidayRemoved(String date);
}
