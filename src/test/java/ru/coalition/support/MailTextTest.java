package ru.coalition.support;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The text a ticket keeps of a mail: HTML as text, quotes cut, the limit held. */
class MailTextTest {

    @Test
    void htmlBecomesTextWithoutMarkupScriptsOrQuotes() {
        assertEquals("Привет\nстрока 2\n\nабзац <b>не тег</b>",
                MailText.fromHtml("<div>Привет<br>строка 2</div><p></p><p>абзац &lt;b&gt;не тег&lt;/b&gt;</p><script>x()</script>"
                        + "<blockquote>старое</blockquote>"));
    }

    @Test
    void quotedHistoryIsCut() {
        assertEquals("Да, спасибо.", MailText.withoutQuotes("Да, спасибо.\n\nOn Mon, 7 Dec 2026 at 10:00, Support <s@x.ru> wrote:\n> ранее"));
        assertEquals("Да.", MailText.withoutQuotes("Да.\n\nOn Mon, 7 Dec 2026 at 10:00, Coalition support <\nsupport@x.ru> wrote:\n> ранее"));
        assertEquals("Хорошо", MailText.withoutQuotes("Хорошо\n\n7 дек. 2026 г., в 10:00, Поддержка написал(а):\n> ранее"));
        assertEquals("Ок", MailText.withoutQuotes("Ок\n-----Original Message-----\nFrom: x"));
        assertEquals("Ок", MailText.withoutQuotes("Ок\n\n> цитата\n> ещё"));
        assertEquals("> только цитата", MailText.withoutQuotes("> только цитата"));
    }

    @Test
    void theLimitKeepsTheEnding() {
        String text = MailText.limited("x".repeat(20_000), "[Вложения: a.pdf]");
        assertEquals(MailText.LIMIT, text.length());
        assertTrue(text.endsWith("…\n\n[Вложения: a.pdf]"));
        assertEquals("short", MailText.limited("short", null));
    }

    @Test
    void subjectsLoseReplyPrefixesAndNumbers() {
        assertEquals("Баллы", MailTickets.subject("Re: Fwd: Баллы [S-2026-000001]"));
        assertEquals("Баллы", MailTickets.subject("Ответ: Баллы"));
    }
}
