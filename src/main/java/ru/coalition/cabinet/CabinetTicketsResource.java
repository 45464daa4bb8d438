package ru.coalition.cabinet;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
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
import ru.coalition.members.Member;
import ru.coalition.members.MemberService;
import ru.coalition.partners.Partner;
import ru.coalition.partners.PartnerService;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.ErrorSummary;
import ru.coalition.platform.FieldErrors;
import ru.coalition.platform.Messages;
import ru.coalition.platform.ProblemException;
import ru.coalition.platform.RequestLocale;
import ru.coalition.platform.SupportMsg;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import ru.coalition.support.AttachmentDownload;
import ru.coalition.support.Attachments;
import ru.coalition.support.MeTicketsApiResource;
import ru.coalition.support.Tickets;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The member's tickets in the cabinet (issue 11 §8): the list, a new ticket (a missing-points claim asks for the
 * receipt or the purchase's date and amount), the conversation with a reply, and the rating once it is solved.
 */
@Path("/cabinet/tickets")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Roles.MEMBER)
public class CabinetTicketsResource {

    static final List<String> FIELDS = List.of("category", "partner", "subject", "body", "receiptId", "purchaseDate", "purchaseAmount", "orderRef");

    @CheckedTemplate(basePath = "cabinet")
    static class Templates {
        static native TemplateInstance tickets(List<Tickets.Summary> tickets);

        static native TemplateInstance ticketNew(List<String> categories, List<Partner> partners, Map<String, String> form,
                                                 Map<String, String> errors, ErrorSummary summary, String alert);

        static native TemplateInstance ticketView(Tickets.View ticket, String partnerName, boolean canReply, boolean canRate,
                                                  List<Attachments.Attachment> files, String replyError, String alert, String done);
    }

    @Inject
    Tickets tickets;

    @Inject
    Attachments attachments;

    @Inject
    MemberService members;

    @Inject
    PartnerService partners;

    @Inject
    CurrentUser user;

    @Inject
    Validator validator;

    @Inject
    RequestLocale locale;

    @Inject
    Clock clock;

    @GET
    public TemplateInstance list() {
        return Templates.tickets(tickets.of(self()));
    }

    @GET
    @Path("/new")
    public TemplateInstance form(@QueryParam("category") String category, @QueryParam("partner") String partner) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("category", category == null ? "" : category);
        form.put("partner", partner == null ? "" : partner);
        return newPage(form, Map.of(), null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object open(MultivaluedMap<String, String> params) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String f : FIELDS) {
            String v = params.getFirst(f);
            form.put(f, v == null ? "" : v.trim());
        }
        Map<String, String> errors = new LinkedHashMap<>();
        LocalDate date = null;
        if (!form.get("purchaseDate").isEmpty()) {
            try {
                date = LocalDate.parse(form.get("purchaseDate"));
            } catch (DateTimeParseException e) {
                errors.put("purchaseDate", locale.texts().problem("coalition.field.date"));
            }
        }
        BigDecimal amount = null;
        if (!form.get("purchaseAmount").isEmpty()) {
            try {
                amount = new BigDecimal(form.get("purchaseAmount").replace(',', '.').replaceAll("[\\s\u00a0\u202f]", ""));
            } catch (NumberFormatException e) {
                errors.put("purchaseAmount", locale.texts().problem("coalition.field.money"));
            }
        }
        MeTicketsApiResource.TicketRequest request = new MeTicketsApiResource.TicketRequest(form.get("subject"), form.get("body"),
                form.get("category").isEmpty() ? null : form.get("category"), blankToNull(form.get("partner")),
                blankToNull(form.get("receiptId")), date, amount, blankToNull(form.get("orderRef")));
        FieldErrors.of(validator.validate(request), locale.texts(), false).forEach(e -> errors.putIfAbsent(e.field(), e.message()));
        if (!errors.isEmpty()) {
            return newPage(form, errors, null);
        }
        try {
            Tickets.Opened opened = tickets.open(self(), request.opening(), Tickets.Channel.CABINET);
            return Response.seeOther(URI.create("/cabinet/tickets/" + opened.ticketId() + "?done=opened")).build();
        } catch (ProblemException e) {
            return newPage(form, Map.of(), locale.texts().problemDetailOrTitle(e));
        }
    }

    @GET
    @Path("/{ticketId}")
    public TemplateInstance view(@PathParam("ticketId") String ticketId, @QueryParam("done") String done) {
        return page(self(), Tickets.idOf(ticketId), null, null, done);
    }

    @POST
    @Path("/{ticketId}/messages")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object reply(@PathParam("ticketId") String ticketId, MultivaluedMap<String, String> params) {
        Member m = self();
        UUID id = Tickets.idOf(ticketId);
        String body = params.getFirst("body") == null ? "" : params.getFirst("body").trim();
        if (body.isEmpty() || body.length() > 10_000) {
            return page(m, id, locale.texts().problem(body.isEmpty() ? "coalition.field.required" : "coalition.field.too-long"), null, null);
        }
        try {
            tickets.reply(m, id, body);
        } catch (ProblemException e) {
            return page(m, id, null, locale.texts().problemDetailOrTitle(e), null);
        }
        return Response.seeOther(URI.create("/cabinet/tickets/" + id + "?done=replied")).build();
    }

    @POST
    @Path("/{ticketId}/rating")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object rate(@PathParam("ticketId") String ticketId, MultivaluedMap<String, String> params) {
        Member m = self();
        UUID id = Tickets.idOf(ticketId);
        int score;
        try {
            score = Integer.parseInt(params.getFirst("score") == null ? "" : params.getFirst("score").trim());
        } catch (NumberFormatException e) {
            score = 0;
        }
        String comment = params.getFirst("comment") == null ? "" : params.getFirst("comment").trim();
        if (score < 1 || score > 5 || comment.length() > 2000) {
            return page(m, id, null, Messages.support(locale.get()).rateChoose(), null);
        }
        try {
            tickets.rate(m, id, score, comment);
        } catch (ProblemException e) {
            return page(m, id, null, locale.texts().problemDetailOrTitle(e), null);
        }
        return Response.seeOther(URI.create("/cabinet/tickets/" + id + "?done=rated")).build();
    }

    /** A photo of the receipt or a PDF, attached to the member's own ticket. */
    @POST
    @Path("/{ticketId}/attachments")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Object attach(@PathParam("ticketId") String ticketId, @RestForm("file") FileUpload file) {
        Member m = self();
        UUID id = Tickets.idOf(ticketId);
        tickets.view(m, id);
        if (file == null || file.size() == 0) {
            return page(m, id, null, Messages.support(locale.get()).attachChoose(), null);
        }
        try {
            attachments.attach(id, "MEMBER", Tickets.name(m), file.fileName(), java.nio.file.Files.readAllBytes(file.uploadedFile()), false);
        } catch (ProblemException e) {
            return page(m, id, null, locale.texts().problemDetailOrTitle(e), null);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return Response.seeOther(URI.create("/cabinet/tickets/" + id + "?done=attached")).build();
    }

    @GET
    @Path("/{ticketId}/attachments/{fileId}")
    @Produces(MediaType.WILDCARD)
    public Response file(@PathParam("ticketId") String ticketId, @PathParam("fileId") String fileId) {
        UUID id = Tickets.idOf(ticketId);
        tickets.view(self(), id);
        return AttachmentDownload.of(attachments.content(id, AttachmentDownload.idOf(fileId), false));
    }

    private TemplateInstance page(Member m, UUID id, String replyError, String alert, String done) {
        Tickets.View t = tickets.view(m, id);
        boolean open = !"CLOSED".equals(t.state()) && !("SOLVED".equals(t.state()) && t.solvedAt() != null
                && !t.solvedAt().plus(Tickets.REOPEN_WITHIN).isAfter(clock.instant()));
        boolean canRate = ("SOLVED".equals(t.state()) || "CLOSED".equals(t.state())) && t.rating() == null;
        String partnerName = t.partner() == null ? null : partners.cachedBySlug(t.partner()).map(p -> p.name).orElse(t.partner());
        return Templates.ticketView(t, partnerName, open, canRate, attachments.of(id, false), replyError, alert, done);
    }

    private TemplateInstance newPage(Map<String, String> form, Map<String, String> errors, String alert) {
        SupportMsg msg = Messages.support(locale.get());
        ErrorSummary summary = ErrorSummary.of(errors, f -> msg.formField(f));
        List<Partner> list = partners.list().stream().sorted(Comparator.comparing(p -> p.name)).toList();
        return Templates.ticketNew(Tickets.CATEGORIES, list, form, errors, summary, alert);
    }

    private Member self() {
        return members.requireByKeycloakId(user.subject());
    }


    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
