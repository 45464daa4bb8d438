package ru.coalition.mailings;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import ru.coalition.members.MemberFilters;
import ru.coalition.partners.Partner;
import ru.coalition.partners.PartnerService;
import ru.coalition.platform.Problem;
import ru.coalition.platform.ProblemException;
import ru.coalition.platform.RequestLocale;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * The segment pages of the console (/operator/mailings/segments) and of the partner portal (/portal/segments): the
 * list, the editor with a live count (htmx posts the form to the count fragment as one types), save and delete. The
 * portal's editor offers only what a partner may use and says "fewer than 5" for small counts.
 */
@ApplicationScoped
public class SegmentPages {

    /** One checkbox or option. */
    public record Choice(String code, boolean checked) {
    }

    /** The editor: {@code base} is the list's address; partner is the portal's own partner (null in the console). */
    public record Editor(String lang, String base, Long id, Map<String, Object> form, List<Problem.FieldError> errors, String problem,
                         boolean saved, Partner partner, List<Partner> partners, List<Choice> ageBands, List<Choice> socialStatuses,
                         List<Choice> incomeBrackets, List<String> consents, int kept, String countShown) {
        public String value(String key) {
            Object v = form.get(key);
            return v == null ? "" : v.toString();
        }

        public boolean is(String key, String value) {
            return value.equals(form.get(key));
        }

        public boolean partnerSide() {
            return partner != null;
        }

        /** The count shown when the page opens (a stored segment's), before any typing. */
        public CountView countView() {
            return new CountView(countShown, List.of(), null);
        }
    }

    /** The count fragment: the figure as shown (a count or "fewer than 5"), or what is wrong. */
    public record CountView(String shown, List<Problem.FieldError> errors, String problem) {
    }

    @CheckedTemplate(basePath = "mailings")
    static class Templates {
        static native TemplateInstance segments(String base, List<Segments.View> segments, Partner partner, boolean deleted);

        static native TemplateInstance segmentEditor(Editor editor);

        static native TemplateInstance segmentCount(CountView view);
    }

    @Inject
    Segments segments;

    @Inject
    PartnerService partners;

    @Inject
    ObjectMapper json;

    @Inject
    RequestLocale locale;

    @Inject
    ru.coalition.platform.CoalitionConfig config;

    private java.time.ZoneId zone() {
        return java.time.ZoneId.of(config.operatorZone());
    }

    TemplateInstance list(String base, Long partnerId, Partner partner, boolean deleted) {
        return Templates.segments(base, segments.list(partnerId), partner, deleted);
    }

    TemplateInstance editor(String base, Partner partner, Long id, boolean saved) {
        Map<String, Object> form;
        Segments.Count count = null;
        if (id == null) {
            form = SegmentForm.of("", null, json);
        } else {
            Segments.View v = segments.find(partner == null ? null : partner.id, id);
            form = SegmentForm.of(v.name(), v.definition(), json);
            count = countOrNull(v.definition(), partner);
        }
        return Templates.segmentEditor(editor(base, partner, id, form, List.of(), null, saved, count));
    }

    private Segments.Count countOrNull(SegmentDefinition d, Partner partner) {
        try {
            return segments.count(d, partner == null ? null : partner.id, locale.texts());
        } catch (ProblemException e) {
            return null;
        }
    }

    TemplateInstance count(Partner partner, MultivaluedMap<String, String> params) {
        SegmentDefinition d = SegmentForm.definition(SegmentForm.flat(params), json);
        try {
            Segments.Count c = segments.count(d, partner == null ? null : partner.id, locale.texts());
            return Templates.segmentCount(new CountView(shown(c, locale.get(), zone()), List.of(), null));
        } catch (ProblemException e) {
            return Templates.segmentCount(new CountView(null, e.fieldErrors(), locale.texts().problemDetailOrTitle(e)));
        }
    }

    /** Saves (a new segment when id is null) and shows it again; a refused form comes back with its problems. */
    Object save(String base, Partner partner, Long id, String by, MultivaluedMap<String, String> params) {
        Map<String, Object> form = SegmentForm.flat(params);
        SegmentDefinition d = SegmentForm.definition(form, json);
        Segments.Input input = new Segments.Input(SegmentForm.text(form, "name"), d);
        Long partnerId = partner == null ? null : partner.id;
        try {
            Segments.View v = id == null ? segments.create(partnerId, input, by, locale.texts())
                    : segments.update(partnerId, id, input, locale.texts());
            return Response.seeOther(URI.create(base + "/" + v.id() + "?saved=1")).build();
        } catch (ProblemException e) {
            if (e.status() == 404) {
                throw e;
            }
            return Templates.segmentEditor(editor(base, partner, id, form, e.fieldErrors(), locale.texts().problemDetailOrTitle(e), false, null));
        }
    }

    Response delete(String base, Partner partner, long id) {
        segments.delete(partner == null ? null : partner.id, id);
        return Response.seeOther(URI.create(base + "?deleted=1")).build();
    }

    private Editor editor(String base, Partner partner, Long id, Map<String, Object> form, List<Problem.FieldError> errors, String problem,
                          boolean saved, Segments.Count count) {
        List<String> consents = SegmentCompiler.CONSENTS.stream()
                .filter(k -> partner == null || SegmentCompiler.PARTNER_CONSENTS.contains(k)).map(k -> k.apiName).toList();
        return new Editor(locale.get().getLanguage(), base, id, form, errors, problem, saved, partner, partner == null ? partners.list() : List.of(),
                choices(form, "ageBand", MemberFilters.AGE_BANDS.stream().map(MemberFilters.AgeBand::code).toList()),
                choices(form, "socialStatus", MemberFilters.SOCIAL_STATUSES), choices(form, "incomeBracket", MemberFilters.INCOME_BRACKETS),
                consents, SegmentForm.keptCount(form, json), count == null ? null : shown(count, locale.get(), zone()));
    }

    /** "1 234 участника" or "меньше 5". */
    static String shown(Segments.Count c, java.util.Locale locale, java.time.ZoneId zone) {
        var msg = ru.coalition.platform.Messages.segment(locale);
        String text = c.count() == null ? msg.segmentFewerThan(c.fewerThan())
                : msg.segmentCountMembers(ru.coalition.platform.Formats.number(c.count(), locale),
                ru.coalition.platform.Formats.plural(c.count(), locale));
        // a large base is counted from a snapshot a few minutes old: say so, with its moment in the operator's zone
        return c.asOf() == null ? text : msg.segmentCountAsOf(text, ru.coalition.platform.Formats.time(c.asOf(), zone));
    }

    private static List<Choice> choices(Map<String, Object> form, String key, List<String> codes) {
        List<String> checked = SegmentForm.list(form, key);
        return codes.stream().map(c -> new Choice(c, checked.contains(c))).toList();
    }
}
