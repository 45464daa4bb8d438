package ru.coalition.mailings;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.Engine;
import io.quarkus.qute.RawString;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateException;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import ru.coalition.partners.PartnerService;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Turns a campaign into the mail one member gets: the body (Markdown with Qute expressions such as
 * {@code {member.firstName}}) is evaluated for the member, rendered as Markdown, sanitised (a partner's text never
 * brings a script or a form), and placed in the coalition's layout with the footer saying why the member gets it and
 * the one-click unsubscribe link. The text part is the evaluated Markdown itself.
 */
@ApplicationScoped
public class CampaignRenderer {

    /** What a campaign may say about its reader. */
    public record Reader(String firstName, String unsubscribeUrl) {
    }

    /** The mail of one reader. */
    public record Rendered(String subject, String html, String text) {
    }

    @CheckedTemplate(basePath = "mailings")
    static class Templates {
        static native TemplateInstance campaignEmail(String language, String subject, RawString body, String partner,
                                                     String unsubscribeUrl);
    }

    private static final Parser PARSER = Parser.builder().extensions(List.of(AutolinkExtension.create())).build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().extensions(List.of(AutolinkExtension.create()))
            .escapeHtml(true).sanitizeUrls(true).build();
    private static final PolicyFactory POLICY = new HtmlPolicyBuilder()
            .allowElements("p", "br", "em", "strong", "ul", "ol", "li", "hr", "h1", "h2", "h3", "h4", "blockquote", "a", "img",
                    "table", "thead", "tbody", "tr", "th", "td")
            .allowAttributes("href").onElements("a")
            .allowAttributes("src", "alt", "width", "height").onElements("img")
            .allowAttributes("start").matching(Pattern.compile("\\d{1,6}")).onElements("ol")
            .allowUrlProtocols("https", "http", "mailto")
            .toFactory();

    @Inject
    Engine engine;

    @Inject
    PartnerService partners;

    /** Parsed bodies and subjects by their source text: a campaign of 100 000 mails parses each once. */
    private final Map<String, Template> parsed = new ConcurrentHashMap<>();

    public Rendered render(Campaign c, Reader reader, String language) {
        String lang = "en".equals(language) ? "en" : "ru";
        Map<String, Object> data = Map.of("member", Map.of("firstName", reader.firstName() == null ? "" : reader.firstName()));
        String subject = evaluate(c.subject(lang), data).strip();
        String markdown = evaluate(c.body(lang), data);
        String body = POLICY.sanitize(RENDERER.render(PARSER.parse(markdown)));
        String partner = c.partnerId == null ? null : partners.cachedById(c.partnerId).map(p -> p.name).orElse(null);
        String html = Templates.campaignEmail(lang, subject, new RawString(body), partner, reader.unsubscribeUrl())
                .setLocale(Locale.forLanguageTag(lang)).render();
        return new Rendered(subject, html, markdown);
    }

    /**
     * Why a text cannot be rendered (an unknown expression, an unclosed brace), or null when it can: the composer says
     * so before the campaign is saved rather than at send time.
     */
    public String problem(String source) {
        try {
            evaluate(source, Map.of("member", Map.of("firstName", "Анна")));
            return null;
        } catch (TemplateException e) {
            return e.getMessage();
        }
    }

    private String evaluate(String source, Map<String, Object> data) {
        if (source == null) {
            return "";
        }
        if (parsed.size() > 1000) {
            parsed.clear();
        }
        return parsed.computeIfAbsent(source, engine::parse).data(data).render();
    }
}
