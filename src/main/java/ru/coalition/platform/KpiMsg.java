package ru.coalition.platform;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The texts of the support desk's figures (issue 11 §7): satisfaction, the supervisor's dashboard and the honour board. Templates say {kpi:kpiTitle}; Java asks {@link Messages#kpi}.
 */
@MessageBundle(value = "kpi", locale = "ru")
public interface KpiMsg {

    @Message
    String kpiTitle();

    @Message
    String surveyMailSubject(String number);

    @Message
    String surveyMailGreeting(String firstName);

    @Message
    String surveyMailSolved(String number, String subject);

    @Message
    String surveyMailQuestion();

    @Message
    String surveyMailComment();

    @Message
    String surveyMailIgnore();

    @Message
    String surveyScoreWord(int score);

    @Message
    String surveyTitle();

    @Message
    String surveyLead(String number, String subject);

    @Message
    String surveyQuestion();

    @Message
    String surveyComment();

    @Message
    String surveySend();

    @Message
    String surveyScoreRequired();

    @Message
    String surveyCommentTooLong(int max);

    @Message
    String surveyNoSignIn();

    @Message
    String surveyThanks();

    @Message
    String surveyThanksLead(int score);

    @Message
    String surveyAlready();

    @Message
    String surveyAlreadyLead(int score);

    @Message
    String surveyUnsolved();

    @Message
    String surveyUnsolvedLead();

    @Message
    String kpiLead();

    @Message
    String figuresMonth();

    @Message
    String figuresAgent();

    @Message
    String figuresAllAgents();

    @Message
    String figuresShow();

    @Message
    String figuresColAgent();

    @Message
    String figuresColHandled();

    @Message
    String figuresColFirstResponse();

    @Message
    String figuresColResolution();

    @Message
    String figuresColSlaMet();

    @Message
    String figuresColCsat();

    @Message
    String figuresColCsatCount();

    @Message
    String figuresColReopen();

    @Message
    String figuresCsvFirstResponseMedian();

    @Message
    String figuresCsvFirstResponseP90();

    @Message
    String figuresCsvResolutionMedian();

    @Message
    String figuresCsvResolutionP90();

    @Message
    String figuresCsvSlaMet();

    @Message
    String figuresCsvReopened();

    @Message
    String figuresUnassigned();

    @Message
    String figuresTotals();

    @Message
    String figuresPercent(String value);

    @Message
    String figuresRules();

    @Message
    String figuresNone();

    @Message
    String figuresWeeks();

    @Message
    String figuresWeekOf(String day);

    @Message
    String figuresColWeek();

    @Message
    String figuresWeeksLabel();

    @Message
    String figuresWeeksHint();

    @Message
    String figuresCsvDownload();

    @Message
    String honourTitle();

    @Message
    String honourLead(String month);

    @Message
    String honourPlace(int place);

    @Message
    String honourScore(String score);

    @Message
    String honourScoreLabel();

    @Message
    String honourNone(int min);

    @Message
    String honourQualified(int count, int min);

    @Message
    String honourFormulaTitle();

    @Message
    String honourRuleQualify(int min);

    @Message
    String honourRuleSpeed();

    @Message
    String honourRuleQuality();

    @Message
    String honourRuleVolume();

    @Message
    String honourRuleScore();

    @Message
    String honourPrintHint();
}
