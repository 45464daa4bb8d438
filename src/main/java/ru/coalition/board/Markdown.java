package ru.coalition.board;

import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Posts and articles are Markdown. CommonMark renders them with raw HTML escaped (a {@code <script>} in a post shows as
 * text) and unsafe link targets dropped; OWASP's sanitizer then keeps only the formatting below, links to http(s) and
 * mail addresses with rel="nofollow noopener", and no attribute that could run code. Headings of a post start at h3,
 * under the page's own.
 */
public final class Markdown {

    private static final Parser PARSER = Parser.builder().extensions(List.of(AutolinkExtension.create())).build();

    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().extensions(List.of(AutolinkExtension.create()))
            .escapeHtml(true).sanitizeUrls(true).build();

    private static final PolicyFactory POLICY = new HtmlPolicyBuilder()
            .allowElements("p", "br", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li", "hr", "h3", "h4", "h5", "h6", "a")
            .allowElements((name, attributes) -> "h3", "h1", "h2")
            .allowAttributes("start").matching(Pattern.compile("\\d{1,6}")).onElements("ol")
            .allowAttributes("class").matching(Pattern.compile("language-[A-Za-z0-9_+-]{1,30}")).onElements("code")
            .allowAttributes("href").onElements("a")
            .allowUrlProtocols("http", "https", "mailto")
            .requireRelsOnLinks("nofollow", "noopener")
            .toFactory();

    private Markdown() {
    }

    /** The safe HTML of a Markdown text. */
    public static String html(String markdown) {
        return POLICY.sanitize(RENDERER.render(PARSER.parse(markdown == null ? "" : markdown)));
    }
}
