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
}
