package ru.coalition.scratchcards;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import ru.coalition.identity.CurrentUser;
import ru.coalition.identity.Roles;
import ru.coalition.partners.CurrentPartner;
import ru.coalition.partners.Partner;
import ru.coalition.partners.PartnerService;
import ru.coalition.partners.ProgramDefinition;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.ErrorSummary;
import ru.coalition.platform.Messages;
import ru.coalition.platform.ProblemException;
import ru.coalition.platform.RequestLocale;
import ru.coalition.platform.ScratchMsg;

import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The partner admin's scratch cards in the portal: order a batch, watch it being made, print, activate, cancel. */
@Path("/portal/scratch")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Roles.PARTNER_ADMIN)
public class ScratchPortalResource {

    /** A PDF part to download: its number and its first and last serial. */
    public record Part(int number, int from, int to) {
    }

    @CheckedTemplate(basePath = "scratchcards")
    static class Templates {
        static native TemplateInstance batches(Partner partner, boolean enabled, List<ScratchBatch> batches,
                                               Map<String, String> form, Map<String, String> errors, ErrorSummary summary);

        static native TemplateInstance batch(Partner partner, ScratchBatch batch, List<Part> parts, String done, String alert);

        /** The progress of a batch being made; htmx polls it and reloads the page once the cards are ready. */
        static native TemplateInstance batch$progress(ScratchBatch batch);
    }

    @Inject
    CurrentPartner currentPartner;

    @Inject
    CurrentUser user;

    @Inject
    PartnerService partners;

    @Inject
    ScratchBatches batches;

    @Inject
    ScratchExport export;

    @Inject
    RequestLocale locale;

    @GET
    public TemplateInstance page() {
        Partner p = currentPartner.require();
        ProgramDefinition.ScratchCards settings = settings(p);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("count", "1000");
        form.put("pointsPerCard", settings == null ? "50" : Long.toString(settings.defaultPointsPerCard()));
        form.put("validUntil", partners.today(p).plusDays(settings == null ? 180 : settings.defaultValidityDays()).toString());
        return render(p, form, Map.of());
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response order(MultivaluedMap<String, String> params) {
        Partner p = currentPartner.require();
        Map<String, String> form = new LinkedHashMap<>();
        for (String f : List.of("count", "pointsPerCard", "validUntil", "note")) {
            form.put(f, params.getFirst(f) == null ? "" : params.getFirst(f).strip());
        }
        Map<String, String> errors = new LinkedHashMap<>();
        ScratchBatches.Order order = new ScratchBatches.Order(integer(form.get("count")), number(form.get("pointsPerCard")),
                date(form.get("validUntil")), form.get("note"));
        try {
            ScratchBatch batch = batches.order(p, order, user.username(), locale.texts());
            return Response.seeOther(URI.create("/portal/scratch/" + batch.batchId())).build();
        } catch (ProblemException e) {
            if (e.code() == ErrorCode.VALIDATION) {
                e.fieldErrors().forEach(fe -> errors.put(fe.field(), fe.message()));
            } else {
                errors.put("count", locale.texts().problemDetailOrTitle(e));
            }
        }
        return Response.ok(render(p, form, errors)).build();
    }

    @GET
    @Path("/{id}")
    public TemplateInstance batch(@PathParam("id") UUID id, @QueryParam("done") String done) {
        Partner p = currentPartner.require();
        ScratchBatch batch = batches.find(p, id);
        ScratchMsg msg = Messages.scratch(locale.get());
        String doneText = "activated".equals(done) ? msg.batchActivatedDone() : "cancelled".equals(done) ? msg.batchCancelledDone() : null;
        return Templates.batch(p, batch, parts(batch), doneText, null);
    }

    @GET
    @Path("/{id}/progress")
    public Response progress(@PathParam("id") UUID id) {
        ScratchBatch batch = batches.find(currentPartner.require(), id);
        if (!batch.status().inProgress()) {
            return Response.ok("").header("HX-Refresh", "true").build();
        }
        return Response.ok(Templates.batch$progress(batch)).build();
    }

    @POST
    @Path("/{id}/activate")
    public Response activate(@PathParam("id") UUID id) {
        return act(id, () -> batches.activate(currentPartner.require(), id), "activated");
    }

    @POST
    @Path("/{id}/cancel")
    public Response cancel(@PathParam("id") UUID id) {
        return act(id, () -> batches.cancel(currentPartner.require(), id), "cancelled");
    }

    @GET
    @Path("/{id}/cards.csv")
    @Produces(ScratchExport.CSV)
    public Response csv(@PathParam("id") UUID id) {
        return export.csv(currentPartner.require(), id);
    }

    @GET
    @Path("/{id}/cards.pdf")
    @Produces(ScratchExport.PDF)
    public Response pdf(@PathParam("id") UUID id, @QueryParam("part") @DefaultValue("1") int part) {
        return export.pdf(currentPartner.require(), id, part, locale.get());
    }

    private Response act(UUID id, Runnable action, String done) {
        Partner p = currentPartner.require();
        try {
            action.run();
        } catch (ProblemException e) {
            if (e.code() == ErrorCode.SCRATCH_BATCH_NOT_FOUND) {
                throw e;
            }
            ScratchBatch batch = batches.find(p, id);
            return Response.status(409).entity(Templates.batch(p, batch, parts(batch), null, locale.texts().problemDetailOrTitle(e))).build();
        }
        return Response.seeOther(URI.create("/portal/scratch/" + id + "?done=" + done)).build();
    }

    private TemplateInstance render(Partner p, Map<String, String> form, Map<String, String> errors) {
        ScratchMsg msg = Messages.scratch(locale.get());
        ErrorSummary summary = ErrorSummary.of(errors, f -> switch (f) {
            case "count" -> msg.fieldCount();
            case "pointsPerCard" -> msg.fieldPoints();
            case "validUntil" -> msg.fieldValidUntil();
            default -> msg.fieldNote();
        });
        ProgramDefinition.ScratchCards settings = settings(p);
        return Templates.batches(p, settings != null && settings.enabled(), batches.ofPartner(p), form, errors, summary);
    }

    private ProgramDefinition.ScratchCards settings(Partner p) {
        return partners.currentProgram(p).map(ProgramDefinition::scratchCards).orElse(null);
    }

    static List<Part> parts(ScratchBatch batch) {
        List<Part> parts = new ArrayList<>();
        for (int n = 1; n <= ScratchExport.parts(batch); n++) {
            parts.add(new Part(n, (n - 1) * ScratchPdf.CARDS_PER_PART + 1, Math.min(batch.count(), n * ScratchPdf.CARDS_PER_PART)));
        }
        return parts;
    }

    private static Integer integer(String s) {
        try {
            return Integer.valueOf(s.replace(" ", "").replace("\u00a0", ""));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Long number(String s) {
        try {
            return Long.valueOf(s.replace(" ", "").replace("\u00a0", ""));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static LocalDate date(String s) {
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
