package ru.coalition.programs;

import java.time.LocalDate;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import ru.coalition.identity.Roles;
import ru.coalition.partners.CurrentPartner;
import ru.coalition.partners.Partner;
import ru.coalition.partners.PartnerService;
import ru.coalition.partners.ProgramDefinition;
import ru.coalition.partners.ProgramVersion;
import ru.coalition.partners.TenantFileParser;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.ProblemException;
import ru.coalition.platform.Messages;
import ru.coalition.platform.RequestLocale;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The program editor in the portal: a form for every mechanic, checked by the same schema and rules as the tenant
 * files, a preview of what a sample receipt earns, saving as a new version from an effective date, and export as the
 * tenants/ YAML. Partner admins edit; cashiers only look.
 */
@Path("/portal/program")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({Roles.PARTNER_ADMIN, Roles.PARTNER_CASHIER})
public class ProgramEditorResource {

    public record PreviewLine(String category, boolean promo, String amount, boolean eligible) {
    }

    public record Preview(List<PreviewLine> lines, ProgramEngine.Evaluation evaluation, String eligible, Instant activatesAt,
                          List<String> problems) {
    }

    @CheckedTemplate(basePath = "programs")
    static class Templates {
        static native TemplateInstance editor(Partner partner, Map<String, String> form, List<String> problems, String saved,
                                              boolean canEdit, List<ProgramVersion> versions, ProgramVersion shown, LocalDate today,
                                              List<ProgramForm.ThresholdRow> thresholds, List<ProgramForm.TierRow> tiers,
                                              int maxThresholds, int maxTiers);

        static native TemplateInstance preview(Preview preview);
    }

    /**
     * A sample receipt that shows this partner's own rules at work: ordinary lines, one line of each category the
     * program excludes and a promo line where promos earn nothing (a fuel station sees tobacco refused, not the agency's
     * print jobs).
     */
    static String sampleFor(ProgramDefinition program) {
        StringBuilder s = new StringBuilder("goods 12000.00\n");
        if (program != null && program.earn().excludedCategories() != null) {
            program.earn().excludedCategories().forEach(c -> s.append(c).append(" 3000.00\n"));
        }
        if (program == null || program.earn().excludePromo()) {
            s.append("goods 2500.00 promo\n");
        }
        return s.append("goods 1234.56").toString();
    }

    @Inject
    CurrentPartner currentPartner;

    @Inject
    PartnerService partners;

    @Inject
    TenantFileParser parser;

    @Inject
    RequestLocale locale;

    @Inject
    Clock clock;

    @Inject
    ru.coalition.identity.CurrentUser user;

    /**
     * The editor on one version: the one asked for (?from=), else the newest, so a partner who saved a version for next
     * month comes back to it rather than to the one in force. Saving a version in force makes a new one from tomorrow.
     */
    @GET
    public TemplateInstance editor(@QueryParam("from") String from) {
        Partner p = currentPartner.require();
        ProgramVersion shown = versionShown(p, from);
        ProgramDefinition program = shown == null ? null : partners.definitionOf(shown);
        Map<String, String> form = new LinkedHashMap<>(ProgramForm.of(program));
        LocalDate today = partners.today(p);
        form.put("effectiveFrom", (shown != null && shown.effectiveFrom.isAfter(today) ? shown.effectiveFrom : today.plusDays(1)).toString());
        form.put("sample", sampleFor(program));
        return page(p, form, List.of(), null, null, shown);
    }

    private ProgramVersion versionShown(Partner p, String from) {
        List<ProgramVersion> versions = partners.versions(p);
        return versions.stream().filter(v -> v.effectiveFrom.toString().equals(from)).findFirst()
                .orElse(versions.isEmpty() ? null : versions.get(0));
    }

    /** htmx: what the sample receipt would earn under the program as typed (not saved). */
    @POST
    @Path("/preview")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance preview(MultivaluedMap<String, String> params) {
        Partner p = currentPartner.require();
        Map<String, String> form = flat(params);
        if (!user.hasRole(Roles.PARTNER_ADMIN)) {
            // a cashier's page is read-only (its fields are disabled, so not posted): the preview uses the version shown
            ProgramVersion shown = versionShown(p, form.get("shownFrom"));
            Map<String, String> stored = new LinkedHashMap<>(ProgramForm.of(shown == null ? null : partners.definitionOf(shown)));
            stored.put("effectiveFrom", shown == null ? partners.today(p).toString() : shown.effectiveFrom.toString());
            stored.put("sample", form.getOrDefault("sample", ""));
            form = stored;
        }
        List<String> problems = new ArrayList<>();
        TenantFileParser.Parsed parsed = parse(p, form, problems);
        if (parsed == null) {
            return Templates.preview(new Preview(List.of(), null, null, null, problems));
        }
        ProgramDefinition program = parsed.file().program();
        List<PreviewLine> lines = new ArrayList<>();
        List<ProgramEngine.Line> engineLines = new ArrayList<>();
        for (String row : form.getOrDefault("sample", "").split("\\R")) {
            String[] parts = row.trim().split("\\s+");
            if (parts.length < 2 || !Money.isValid(parts[1].replace(',', '.'))) {
                if (!row.isBlank()) {
                    problems.add(locale.messages().editorSampleBad(row.trim()));
                }
                continue;
            }
            boolean promo = parts.length > 2 && parts[2].equalsIgnoreCase("promo");
            ProgramEngine.Line line = new ProgramEngine.Line(parts[0], promo, Money.parse(parts[1].replace(',', '.')));
            engineLines.add(line);
            lines.add(new PreviewLine(parts[0], promo, Money.format(line.amount()), ProgramEngine.eligible(program.earn(), line)));
        }
        ProgramEngine.Evaluation eval = ProgramEngine.evaluate(program, engineLines, 0, false, java.math.BigDecimal.ONE);
        ZoneId zone = ZoneId.of(p.timeZone);
        Instant at = program.effectiveFrom().atTime(12, 0).atZone(zone).toInstant();
        return Templates.preview(new Preview(lines, eval, Money.format(eval.eligible()), ProgramEngine.activatesAt(program, at, zone), problems));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.PARTNER_ADMIN)
    public TemplateInstance save(MultivaluedMap<String, String> params) {
        Partner p = currentPartner.require();
        Map<String, String> form = flat(params);
        List<String> problems = new ArrayList<>();
        TenantFileParser.Parsed parsed = parse(p, form, problems);
        if (parsed != null) {
            PartnerService.Refused refused = partners.addVersion(p, parsed);
            if (refused != null) {
                var portal = Messages.portal(locale.get());
                problems.add(switch (refused.refusal) {
                    case IN_THE_PAST -> portal.editorRefusedPast(refused.effectiveFrom);
                    case IN_FORCE -> portal.editorRefusedInForce(refused.effectiveFrom);
                    case WALLET_SCOPE -> portal.editorRefusedWallet();
                });
            }
        }
        if (!problems.isEmpty()) {
            return page(p, form, problems, null, null, versionShown(p, form.get("shownFrom")));
        }
        // the page shows the version as saved, so removed and emptied rows are gone and nothing saved is hidden
        Map<String, String> saved = new LinkedHashMap<>(ProgramForm.of(parsed.file().program()));
        saved.put("sample", form.getOrDefault("sample", sampleFor(parsed.file().program())));
        LocalDate from = parsed.file().program().effectiveFrom();
        saved.put("effectiveFrom", from.toString());
        return page(p, saved, List.of(), locale.messages().editorSaved(from), null, versionShown(p, from.toString()));
    }

    /**
     * The page with one more empty threshold or tier row, keeping everything typed and saving nothing; htmx swaps in
     * just that section. The buttons are not submit buttons, so Enter in a field still saves; without scripts the
     * empty row the page always has is the way to add one.
     */
    @POST
    @Path("/rows")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance addRow(MultivaluedMap<String, String> params) {
        Map<String, String> form = flat(params);
        Partner p = currentPartner.require();
        return page(p, form, List.of(), null, form.get("add"), versionShown(p, form.get("shownFrom")));
    }

    /** The program version in force (or the one from ?from=) as tenants/<slug>.yaml. */
    @GET
    @Path("/export")
    @Produces("application/yaml")
    public Response export(@QueryParam("from") String from) {
        Partner p = currentPartner.require();
        ProgramVersion v = partners.versions(p).stream().filter(x -> from == null || x.effectiveFrom.toString().equals(from))
                .filter(x -> from != null || !x.effectiveFrom.isAfter(partners.today(p)))
                .findFirst().orElseThrow(() -> new ProblemException(ErrorCode.PROGRAM_NOT_FOUND));
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("slug", p.slug);
        file.put("name", p.name);
        file.put("legalName", p.legalName);
        file.put("city", p.city);
        file.put("timeZone", p.timeZone);
        try {
            file.put("program", new ObjectMapper().readValue(v.definition, new TypeReference<Map<String, Object>>() {
            }));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return Response.ok(TenantFileParser.toYaml(file))
                // one file per version: kit-media-2027-01-01.yaml, so two downloads never overwrite each other
                .header("Content-Disposition", "attachment; filename=\"" + p.slug + "-" + v.effectiveFrom + ".yaml\"").build();
    }

    /**
     * The program as typed in the editor's form, checked as saving checks it, saved nowhere: the draft a rule back-test
     * (analytics) runs. Null, with the problems added, when it does not parse.
     */
    public TenantFileParser.Parsed draft(Partner p, MultivaluedMap<String, String> params, List<String> problems) {
        return parse(p, flat(params), problems);
    }

    /** The editor again with the form as typed and the problems above it (a back-test that could not start). */
    public TemplateInstance withProblems(MultivaluedMap<String, String> params, List<String> problems) {
        Partner p = currentPartner.require();
        Map<String, String> form = flat(params);
        return page(p, form, problems, null, null, versionShown(p, form.get("shownFrom")));
    }

    private TenantFileParser.Parsed parse(Partner p, Map<String, String> form, List<String> problems) {
        Map<String, Object> program = ProgramForm.tree(form);
        List<ProgramForm.Refusal> refusals = ProgramForm.refusals(program);
        if (!refusals.isEmpty()) {
            refusals.forEach(r -> problems.add(r.text().apply(locale.messages())));
            return null;
        }
        if (!form.containsKey("wallet")) {
            // the page shows the operator's scope read-only; a posted "wallet" field is checked when saving
            program.put("wallet", p.walletScope.fileName());
        }
        try {
            return parser.parse(p.slug + ".yaml", TenantFileParser.toYaml(TenantFileParser.fileOf(p, program)));
        } catch (TenantFileParser.InvalidTenantFile e) {
            e.issues().forEach(i -> problems.add(EditorProblems.words(i, Messages.portal(locale.get()))));
            return null;
        }
    }

    /** {@code grow}: "threshold" or "tier" when the page is asked for one more row of that kind. */
    private TemplateInstance page(Partner p, Map<String, String> form, List<String> problems, String saved, String grow,
                                  ProgramVersion shown) {
        return Templates.editor(p, form, problems, saved, user.hasRole(Roles.PARTNER_ADMIN), partners.versions(p), shown,
                partners.today(p),
                ProgramForm.thresholdRows(form, "threshold".equals(grow)), ProgramForm.tierRows(form, "tier".equals(grow)),
                ProgramForm.MAX_THRESHOLDS, ProgramForm.MAX_TIER_LEVELS);
    }

    private static Map<String, String> flat(MultivaluedMap<String, String> params) {
        Map<String, String> form = new LinkedHashMap<>();
        params.forEach((k, v) -> form.put(k, v.isEmpty() ? "" : v.get(0)));
        return form;
    }
}
