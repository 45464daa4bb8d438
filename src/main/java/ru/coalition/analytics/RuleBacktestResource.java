package ru.coalition.analytics;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import ru.coalition.identity.CurrentUser;
import ru.coalition.identity.Roles;
import ru.coalition.partners.CurrentPartner;
import ru.coalition.partners.Partner;
import ru.coalition.partners.TenantFileParser;
import ru.coalition.platform.BacktestMsg;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.Messages;
import ru.coalition.platform.ProblemException;
import ru.coalition.platform.RequestLocale;
import ru.coalition.programs.ProgramEditorResource;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The rule back-test in the portal (issue 13 §4): the program editor posts its form (the draft as typed) and a period
 * here; the back-test starts in the background and its page polls until the figures are there, as they were beside the
 * draft's, with a CSV of them. A wrong period or a draft that does not parse sends the editor back with the problems.
 */
@Path("/portal/analytics/backtest")
@RolesAllowed(Roles.PARTNER_ADMIN)
public class RuleBacktestResource {

    @CheckedTemplate(basePath = "analytics")
    static class Templates {
        static native TemplateInstance backtest(RuleBacktests.View view);

        /** The progress, or once done the figures; htmx polls it every second while the back-test runs. */
        static native TemplateInstance backtest$body(RuleBacktests.View view);
    }

    /** Days a back-test looks back by default: the last 90, today included. */
    static final int DEFAULT_DAYS = 90;

    /** {@code {today.backtestFrom}}: the first day of the default back-test period that ends today. */
    @io.quarkus.qute.TemplateExtension(matchName = "backtestFrom")
    static java.time.LocalDate backtestFrom(java.time.LocalDate today) {
        return today.minusDays(DEFAULT_DAYS - 1L);
    }

    @Inject
    RuleBacktests backtests;

    @Inject
    ProgramEditorResource editor;

    @Inject
    CurrentPartner currentPartner;

    @Inject
    CurrentUser user;

    @Inject
    RequestLocale locale;

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response start(MultivaluedMap<String, String> params) {
        Partner p = currentPartner.require();
        BacktestMsg bt = Messages.backtest(locale.get());
        List<String> problems = new ArrayList<>();
        PartnerAnalytics.Period period = null;
        try {
            period = PartnerAnalytics.period(params.getFirst("backtestFrom"), params.getFirst("backtestTo"), locale.texts());
        } catch (ProblemException e) {
            e.fieldErrors().forEach(f -> problems.add(bt.btPeriodProblem(f.message())));
        }
        TenantFileParser.Parsed draft = editor.draft(p, params, problems);
        if (!problems.isEmpty() || draft == null) {
            return Response.ok(editor.withProblems(params, problems)).build();
        }
        UUID id = backtests.start(p, user.username(), period, draft.programJson());
        return Response.seeOther(URI.create("/portal/analytics/backtest/" + id)).build();
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page(@PathParam("id") String id) {
        return Templates.backtest(view(id));
    }

    @GET
    @Path("/{id}/progress")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance progress(@PathParam("id") String id) {
        return Templates.backtest$body(view(id));
    }

    /** The figures as CSV (semicolons and a BOM, decimal commas in Russian): figure; as it was; under the draft. */
    @GET
    @Path("/{id}/figures.csv")
    @Produces("text/csv")
    public Response csv(@PathParam("id") String id) {
        RuleBacktests.View v = view(id);
        RuleBacktests.Result r = v.result();
        if (r == null) {
            throw new ProblemException(ErrorCode.NOT_FOUND);
        }
        BacktestMsg bt = Messages.backtest(locale.get());
        boolean russian = "ru".equals(locale.get().getLanguage());
        return CsvDownload.of("backtest-" + v.from() + "-" + v.to(), new String[]{bt.btFigure(), bt.btInForce(), bt.btDraft()}, csv -> {
            csv.printRecord(bt.btReceipts(), r.receipts(), r.receipts());
            csv.printRecord(bt.btMembers(), r.members(), r.members());
            csv.printRecord(bt.btSpend(), money(r.spend(), russian), money(r.spend(), russian));
            csv.printRecord(bt.btPoints(), r.pointsInForce(), r.pointsDraft());
            csv.printRecord(bt.btCost(), money(r.costInForce(), russian), money(r.costDraft(), russian));
            for (RuleBacktests.ThresholdRow t : r.thresholds()) {
                csv.printRecord(bt.btThreshold() + " " + t.id() + " (" + t.balance() + ")", t.membersInForce(), t.membersDraft());
            }
            for (RuleBacktests.TierRow t : r.tiers()) {
                csv.printRecord(bt.btTier() + " " + (t.code() == null ? bt.btNoTiers() : t.name() == null ? t.code() : t.name()),
                        t.membersInForce(), t.membersDraft());
            }
        });
    }

    private static String money(String roubles, boolean russian) {
        return roubles == null ? "" : russian ? roubles.replace('.', ',') : roubles;
    }

    private RuleBacktests.View view(String id) {
        Partner p = currentPartner.require();
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ErrorCode.NOT_FOUND);
        }
        return backtests.find(p, uuid).orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND));
    }
}
