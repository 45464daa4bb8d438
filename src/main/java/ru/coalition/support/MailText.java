package ru.coalition.support;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeVisitor;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The text of a mail as a ticket keeps it: HTML turned into plain text (never rendered), the quoted history below a
 * reply cut off, and the whole held to the ticket message limit.
 */
final class MailText {

    /** A ticket message holds at most this many characters (as the API's body field). */
    static final int LIMIT = 10_000;

    private static final Set<String> SKIPPED = Set.of("head", "script", "style", "title", "template");
    private static final Set<String> QUOTES = Set.of("blockquote");
    /** Blocks followed by an empty line, as a mail program shows them. */
    private static final Set<String> PARAGRAPHS = Set.of("p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table");

    /** "On Mon, 1 Dec 2026 at 10:00, Support <support@…> wrote:" and «1 дек. 2026 г., в 10:00, Поддержка написал(а):». */
    private static final Pattern WROTE = Pattern.compile("(^|.*\\s)(wrote|написал\\(а\\)|написала|написал|пишет)\\s*:\\s*$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern ORIGINAL = Pattern.compile("^-{2,}\\s*(original message|исходное сообщение|forwarded message"
            + "|пересылаемое сообщение)\\s*-{2,}.*$", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern OUTLOOK = Pattern.compile("^(from|от):\\s.+", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private MailText() {
    }

    /** Plain text of an HTML body: text nodes in order, a line break for <br> and around blocks; quotes dropped. */
    static String fromHtml(String html) {
        StringBuilder out = new StringBuilder();
        Jsoup.parse(html == null ? "" : html).body().traverse(new NodeVisitor() {
            int skip;

            @Override
            public void head(Node node, int depth) {
                if (node instanceof Element e) {
                    String tag = e.normalName();
                    if (skip > 0 || SKIPPED.contains(tag) || QUOTES.contains(tag)) {
                        skip++;
                    } else if (tag.equals("br")) {
                        out.append('\n');
                    } else if (e.isBlock()) {
                        newline(out);
                    }
                } else if (node instanceof TextNode t && skip == 0) {
                    out.append(t.text());
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element e) {
                    if (skip > 0) {
                        skip--;
                    } else if (PARAGRAPHS.contains(e.normalName())) {
                        newline(out);
                        out.append('\n');
                    } else if (e.isBlock()) {
                        newline(out);
                    }
                }
            }
        });
        return tidy(out.toString());
    }

    private static void newline(StringBuilder out) {
        if (!out.isEmpty() && out.charAt(out.length() - 1) != '\n') {
            out.append('\n');
        }
    }

    /** Lines without trailing blanks, at most one empty line in a row, no blank lines around. */
    static String tidy(String text) {
        String t = text.replace("\r\n", "\n").replace('\r', '\n').replace('\u00a0', ' ');
        t = t.lines().map(String::stripTrailing).reduce((a, b) -> a + "\n" + b).orElse("");
        return t.replaceAll("\n{3,}", "\n\n").strip();
    }

    /**
     * The reply without the history its mail program quoted below it: cut at the first "On … wrote:" / «… написал(а):»
     * line, an "----- Original Message -----" line, or an Outlook header block, and without trailing "> " lines. A
     * mail that is nothing but quotes stays whole.
     */
    static String withoutQuotes(String text) {
        List<String> lines = text.lines().toList();
        int cut = lines.size();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (ORIGINAL.matcher(line).matches()) {
                cut = i;
                break;
            }
            if (WROTE.matcher(line).matches()) {
                // Gmail wraps a long "On …, Name <address> wrote:" onto two lines
                cut = i > 0 && lines.get(i - 1).strip().matches("(?i)^(on|в|\\d).*") && !lines.get(i - 1).isBlank()
                        && !line.matches("(?i)^(on|в|\\d).*") ? i - 1 : i;
                break;
            }
            if (OUTLOOK.matcher(line).matches() && i + 1 < lines.size()
                    && lines.get(i + 1).strip().matches("(?i)^(sent|отправлено|date|дата):\\s.+")) {
                cut = i;
                break;
            }
        }
        int end = cut;
        while (end > 0 && (lines.get(end - 1).isBlank() || lines.get(end - 1).startsWith(">"))) {
            end--;
        }
        String kept = String.join("\n", lines.subList(0, end)).strip();
        return kept.isEmpty() ? text.strip() : kept;
    }

    /** The text held to the limit, with the ending (such as the list of attachments) kept whole. */
    static String limited(String text, String ending) {
        String tail = ending == null || ending.isEmpty() ? "" : "\n\n" + ending;
        int room = LIMIT - tail.length();
        if (room < 0) {
            tail = tail.substring(0, LIMIT - 1) + "…";
            room = 0;
        }
        String body = text.length() > room ? text.substring(0, Math.max(0, room - 1)) + "…" : text;
        return (body + tail).strip();
    }
}
