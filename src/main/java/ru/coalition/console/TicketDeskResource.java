package ru.coalition.console;

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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import ru.coalition.identity.CurrentUser;
import ru.coalition.identity.Roles;
import ru.coalition.ledger.Adjustments;
import ru.coalition.members.Member;
import ru.coalition.members.MemberService;
import ru.coalition.partners.Partner;
import ru.coalition.partners.PartnerService;
import ru.coalition.platform.ProblemException;
import ru.coalition.platform.RequestLocale;
import ru.coalition.platform.Texts;
import ru.coalition.staff.StaffService;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import ru.coalition.platform.Messages;
import ru.coalition.support.AttachmentDownload;
import ru.coalition.support.Attachments;
import ru.coalition.support.CallLog;
import ru.coalition.support.Casework;
import ru.coalition.support.Macros;
import ru.coalition.support.TicketSearch;
import ru.coalition.support.Tickets;

import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The agents' desk (issue 11 §5): the queues, and a ticket's page with the conversation, canned answers, what the
 * ticket is about, the member's card, wallets and recent operations, their other tickets, and the casework (outcome,
 * an adjustment for the ticket, routing to a partner, merging a duplicate). Every action is a plain form post that
 * comes back to the ticket (post/redirect/get); keys on the page reach the common actions.
 */
@Path("/operator/tickets")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({Roles.SUPPORT_AGENT, Roles.SUPPORT_SUPERVISOR})
public class TicketDeskResource {

    /** How many of the member's ledger entries the ticket page shows: enough to answer "where are my points". */
    static final int RECENT = 10;

    public record QueueTab(String key, String href, boolean current) {
    }

    public record Row(Tickets.Queued ticket, String assignee) {
    }

    public record Side(MemberDesk.Card member, List<MemberDesk.Entry> recent, List<Casework.Previous> others) {
    }

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance ticketQueue(List<QueueTab> tabs, String queue, List<Row> rows, List<Partner> partners,
                                                   String partner, String query);

        static native TemplateInstance ticket(Tickets.StaffView view, Casework.Facts facts, List<Attachments.Attachment> files, Side side, List<Macros.Macro> macros,
                                              String draft, boolean mine, String assignee, List<Partner> partners,
                                              List<String> outcomes, String alert, String done, List<CallLog.Logged> calls);
    }

    @Inject
    CallLog callLog;

    @Inject
    Tickets tickets;

    @Inject
    Casework casework;

    @Inject
    Macros macros;

    @Inject
    TicketSearch search;

    @Inject
    Attachments attachments;

    @Inject
    MemberDesk desk;

    @Inject
    MemberService members;

    @Inject
    PartnerService partners;

    @Inject
    StaffService staff;

    @Inject
    CurrentUser user;

    @Inject
    RequestLocale locale;

    /** The queue tabs, in order. */
    static final List<String> QUEUES = List.of("mine", "unassigned", "open", "overdue", "partner");

    @GET
    public TemplateInstance queue(@QueryParam("queue") String queue, @QueryParam("partner") String partner, @QueryParam("q") String query) {
        // the supervisor starts from every open ticket, and sees what is overdue first in every queue (service levels)
        boolean supervisor = user.hasRole(Roles.SUPPORT_SUPERVISOR);
        String current = queue == null || !QUEUES.contains(queue) ? (supervisor ? "open" : "mine") : queue;
        List<Tickets.Queued> found = switch (current) {
            case "unassigned" -> tickets.queue(Tickets.Queue.UNASSIGNED, user.subject(), supervisor);
            case "open" -> tickets.queue(Tickets.Queue.OPEN, user.subject(), supervisor);
            case "overdue" -> tickets.queue(Tickets.Queue.OVERDUE, user.subject());
            case "partner" -> tickets.queue(Tickets.Queue.OPEN, user.subject(), supervisor).stream()
                    .filter(t -> partner == null || partner.isBlank() || partner.equals(t.partner())).toList();
            default -> tickets.queue(Tickets.Queue.MINE, user.subject(), supervisor);
        };
        if (query != null && !query.isBlank()) {
            // a search looks through every ticket, closed ones too, whatever queue it was typed in
            found = search.find(query);
        }
        Map<String, String> names = agentNames();
        List<QueueTab> tabs = QUEUES.stream()
                .map(k -> new QueueTab(k, "/operator/tickets?queue=" + k, k.equals(current))).toList();
        return Templates.ticketQueue(tabs, current, found.stream().map(t -> new Row(t, nameOf(t.assignee(), names))).toList(),
                partnerList(), partner, query);
    }

    @GET
    @Path("/{number}")
    public TemplateInstance ticket(@PathParam("number") String number, @QueryParam("macro") Long macro,
                                   @QueryParam("done") String done) {
        return render(casework.byNumber(number), macro, null, done);
    }

    @POST
    @Path("/{number}/take")
    public Response take(@PathParam("number") String number) {
        UUID id = casework.byNumber(number);
        tickets.assign(id, user.subject(), user.displayName());
        return back(number, "taken");
    }

    @POST
    @Path("/{number}/solve")
    public Response solve(@PathParam("number") String number) {
        tickets.solve(casework.byNumber(number), user.displayName());
        return back(number, "solved");
    }

    @POST
    @Path("/{number}/messages")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object answer(@PathParam("number") String number, MultivaluedMap<String, String> form) {
        UUID id = casework.byNumber(number);
        String body = trimmed(form.getFirst("body"));
        boolean internal = "on".equals(form.getFirst("internal")) || "true".equals(form.getFirst("internal"));
        if (body.isEmpty() || body.length() > 10_000) {
            return render(id, null, locale.texts().problem(body.isEmpty() ? "coalition.field.required" : "coalition.field.too-long"), null);
        }
        tickets.answer(id, user.displayName(), body, internal);
        return back(number, internal ? "noted" : "answered");
    }

    @POST
    @Path("/{number}/attachments")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Object attach(@PathParam("number") String number, @RestForm("file") FileUpload file, @RestForm String internal) {
        UUID id = casework.byNumber(number);
        if (file == null || file.size() == 0) {
            return render(id, null, Messages.support(locale.get()).attachChoose(), null);
        }
        return attempt(id, number, "attached", () -> {
            try {
                attachments.attach(id, "AGENT", user.displayName(), file.fileName(), java.nio.file.Files.readAllBytes(file.uploadedFile()),
                        "on".equals(internal));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @GET
    @Path("/{number}/attachments/{fileId}")
    @Produces(MediaType.WILDCARD)
    public Response file(@PathParam("number") String number, @PathParam("fileId") String fileId) {
        return AttachmentDownload.of(attachments.content(casework.byNumber(number), AttachmentDownload.idOf(fileId), true));
    }

    @POST
    @Path("/{number}/outcome")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object outcome(@PathParam("number") String number, MultivaluedMap<String, String> form) {
        UUID id = casework.byNumber(number);
        return attempt(id, number, "outcome", () -> casework.outcome(id, trimmed(form.getFirst("outcome")), user.displayName()));
    }

    @POST
    @Path("/{number}/adjust")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object adjust(@PathParam("number") String number, MultivaluedMap<String, String> form) {
        UUID id = casework.byNumber(number);
        Texts texts = locale.texts();
        Long points = Adjustments.parsePoints(form.getFirst("points"));
        String reason = trimmed(form.getFirst("reason"));
        String wallet = trimmed(form.getFirst("wallet"));
        if (points == null || points == 0 || Math.abs(points) > 10_000_000) {
            return render(id, null, texts.problem("coalition.field.points"), null);
        }
        if (reason.length() < 5 || reason.length() > 280) {
            return render(id, null, texts.problem("coalition.field.reason"), null);
        }
        return attempt(id, number, "adjusted", () -> casework.adjust(id, wallet.isEmpty() ? "coalition" : wallet, points, reason,
                user.displayName()));
    }

    @POST
    @Path("/{number}/route")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object route(@PathParam("number") String number, MultivaluedMap<String, String> form) {
        UUID id = casework.byNumber(number);
        String partner = trimmed(form.getFirst("partner"));
        return attempt(id, number, partner.isEmpty() ? "unrouted" : "routed",
                () -> casework.route(id, partner.isEmpty() ? null : partner, user.displayName()));
    }

    @POST
    @Path("/{number}/merge")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object merge(@PathParam("number") String number, MultivaluedMap<String, String> form) {
        UUID id = casework.byNumber(number);
        String into = trimmed(form.getFirst("into"));
        return attempt(id, number, "merged", () -> casework.merge(id, into, user.displayName()));
    }

    /** Runs a casework action; a refusal is shown on the ticket's page in the reader's language. */
    private Object attempt(UUID id, String number, String done, Runnable action) {
        try {
            action.run();
            return back(number, done);
        } catch (ProblemException e) {
            return render(id, null, locale.texts().problemDetailOrTitle(e), null);
        }
    }

    private TemplateInstance render(UUID id, Long macro, String alert, String done) {
        Tickets.StaffView view = tickets.staffView(id);
        Casework.Facts facts = casework.facts(id);
        Side side = null;
        String memberName = null;
        if (facts.memberId() != null) {
            Member m = members.byId(facts.memberId()).orElse(null);
            if (m != null) {
                MemberDesk.Card card = desk.card(m);
                memberName = m.firstName;
                List<MemberDesk.Entry> recent = card.history().stream()
                        .filter(e -> facts.partnerName() == null || facts.partnerName().equals(e.partner()))
                        .limit(RECENT).toList();
                side = new Side(card, recent, casework.others(m.id, id));
            }
        }
        String name = memberName;
        List<Macros.Macro> offered = macros.forCategory(view.ticket().category()).stream()
                .map(x -> new Macros.Macro(x.id(), x.title(), Macros.fill(x.body(), name, view.ticket().number(), user.displayName()),
                        x.category(), x.active()))
                .toList();
        String draft = macro == null ? null : offered.stream().filter(x -> x.id() == macro).findFirst().map(Macros.Macro::body).orElse(null);
        String assignee = view.ticket().assignee() == null ? null : nameOf(view.ticket().assignee(), agentNames());
        return Templates.ticket(view, facts, attachments.of(id, true), side, offered, draft,
                user.subject().equals(view.ticket().assignee()), assignee, partnerList(), Casework.OUTCOMES, alert, done,
                callLog.ofTicket(view.ticket().ticketId()));
    }

    private Map<String, String> agentNames() {
        try {
            return staff.ofOperator().stream().collect(Collectors.toMap(StaffService.Colleague::id, StaffService.Colleague::name, (a, b) -> a));
        } catch (RuntimeException e) {
            // Keycloak's admin API away: the queue still works, showing who in short
            return Map.of();
        }
    }

    private String nameOf(String subject, Map<String, String> names) {
        if (subject == null) {
            return null;
        }
        if (subject.equals(user.subject())) {
            return user.displayName();
        }
        return names.getOrDefault(subject, subject.substring(0, Math.min(8, subject.length())));
    }

    private List<Partner> partnerList() {
        return partners.list().stream().sorted(Comparator.comparing(p -> p.name)).toList();
    }

    private static Response back(String number, String done) {
        return Response.seeOther(URI.create("/operator/tickets/" + number + "?done=" + done)).build();
    }

    private static String trimmed(String s) {
        return s == null ? "" : s.trim();
    }
}
