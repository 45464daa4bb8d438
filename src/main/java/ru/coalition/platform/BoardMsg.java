package ru.coalition.platform;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The texts of the public Q&A board («конференция») and the knowledge base (issue 11 §6). Templates say {board:boardTitle}; Java asks {@link Messages#board}.
 */
@MessageBundle(value = "board", locale = "ru")
public interface BoardMsg {

    @Message
    String boardTitle();

    @Message
    String boardLead();

    @Message
    String boardSearch();

    @Message
    String boardFind();

    @Message
    String boardSearchHint();

    @Message
    String boardTopics();

    @Message
    String boardAllTopics();

    @Message
    String boardAsk();

    @Message
    String boardResults(String query);

    @Message
    String boardQuestion();

    @Message
    String boardAnswer();

    @Message
    String boardNoHits();

    @Message
    String boardQuestions();

    @Message
    String boardAnswers(int count);

    @Message
    String boardSolved();

    @Message
    String boardPending();

    @Message
    String boardRejected();

    @Message
    String boardHidden();

    @Message
    String boardNoQuestions();

    @Message
    String boardRules();

    @Message
    String boardTopic();

    @Message
    String boardQuestionTitle();

    @Message
    String boardArticleTitle();

    @Message
    String boardText();

    @Message
    String boardMarkdownHint();

    @Message
    String boardAskButton();

    @Message
    String boardMovedTitle();

    @Message
    String boardMovedNotice();

    @Message
    String boardMovedYours(String number);

    @Message
    String boardMovedStaff(String number);

    @Message
    String boardMovedNote(String link);

    @Message
    String boardNoAnswers();

    @Message
    String boardYourAnswer();

    @Message
    String boardAnswerButton();

    @Message
    String boardSignInToAnswer();

    @Message
    String boardMoveTitle();

    @Message
    String boardMoveHint();

    @Message
    String boardMoveButton();

    @Message
    String boardStaff();

    @Message
    String boardAccepted();

    @Message
    String boardNote(String note);

    @Message
    String boardReport();

    @Message
    String boardReportReason();

    @Message
    String boardReportButton();

    @Message
    String boardReportDefault();

    @Message
    String boardAcceptButton();

    @Message
    String boardMakeArticle();

    @Message
    String boardHide();

    @Message
    String boardHideReason();

    @Message
    String boardHideButton();

    @Message
    String boardHiddenDefault();

    @Message
    String boardRulesBroken();

    @Message
    String boardDonePending();

    @Message
    String boardDonePosted();

    @Message
    String boardDoneReported();

    @Message
    String boardDoneAccepted();

    @Message
    String boardDoneHidden();

    @Message
    String boardDoneMoved();

    @Message
    String boardDoneApproved();

    @Message
    String boardDoneRejected();

    @Message
    String boardDoneDismissed();

    @Message
    String boardArticleSaved();

    @Message
    String boardConsoleTitle();

    @Message
    String boardConsoleRules();

    @Message
    String boardConsolePending(int count);

    @Message
    String boardConsoleApprove();

    @Message
    String boardConsoleRejectReason();

    @Message
    String boardConsoleReject();

    @Message
    String boardConsoleNothingPending();

    @Message
    String boardConsoleReported(int count);

    @Message
    String boardConsoleDismiss();

    @Message
    String boardConsoleNothingReported();

    @Message
    String kbTitle();

    @Message
    String kbLead();

    @Message
    String kbArticle();

    @Message
    String kbArticles();

    @Message
    String kbDraft();

    @Message
    String kbNone();

    @Message
    String kbUpdated(java.time.Instant at);

    @Message
    String kbEdit();

    @Message
    String kbNew();

    @Message
    String kbOpen();

    @Message
    String kbFromAnswer();

    @Message
    String kbPublished();

    @Message
    String kbSave();

    @Message
    String kbStillQuestions();
}
