package ru.coalition.board;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Markdown rendering and article addresses, without the app. */
class MarkdownTest {

    @Test
    void hostileMarkdownIsNeutralised() {
        BoardApiTest.assertNeutralised(Markdown.html(BoardApiTest.HOSTILE));
    }

    @Test
    void formattingSurvives() {
        assertEquals("<h3>Заголовок</h3>\n<p><strong>жирный</strong> и <em>курсив</em></p>\n<ul><li>раз</li></ul>\n"
                        + "<pre><code class=\"language-java\">x &lt; 1\n</code></pre>\n",
                Markdown.html("# Заголовок\n\n**жирный** и *курсив*\n\n- раз\n\n```java\nx < 1\n```\n"));
        assertEquals("<p><a href=\"mailto:help&#64;example.org\" rel=\"nofollow noopener\">help&#64;example.org</a></p>\n",
                Markdown.html("<help@example.org>"));
    }

    @Test
    void articleAddressesAreLatin() {
        assertEquals("kak-bystro-aktiviruyutsya-bally-lazurit", KnowledgeBase.slugOf("Как быстро активируются баллы Лазурит?"));
        assertEquals("obyem-podyezda-i-sol", KnowledgeBase.slugOf("Объём подъезда и соль"));
        assertEquals("article", KnowledgeBase.slugOf("?!"));
    }
}
