package ru.coalition.board;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import ru.coalition.identity.Roles;
import ru.coalition.platform.BoardMsg;
import ru.coalition.platform.ErrorSummary;
import ru.coalition.platform.Messages;
import ru.coalition.platform.ProblemException;
import ru.coalition.platform.RequestLocale;
import ru.coalition.platform.Texts;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The public board's pages: topics, questions and one search box (anyone), a question with its answers, asking and
 * answering (signed-in members; agents answer too), reporting, and the agents' buttons on a question (accept an
 * answer, hide a post, move the question into a private ticket, make an article of the accepted answer).
 */
@Path("/board")
@Produces(MediaType.TEXT_HTML)
public class BoardPagesResource {

    @CheckedTemplate(basePath = "board")
    static class Templates {
        static native TemplateInstance board(List<Board.Topic> topics, String topic, String topicTitle, String query,
                                             List<Board.QuestionSummary> questions, List<Board.Hit> hits, boolean canAsk);

        static native TemplateInstance question(Board.Question question, Board.Viewer viewer, boolean canReport,
                                                Map<String, String> form, Map<String, String> errors, ErrorSummary summary,
                                                String alert, String done);

        static native TemplateInstance ask(List<Board.Topic> topics, Map<String, String> form, Map<String, String> errors,
                                           ErrorSummary summary, String alert);
    }

    @Inject
    Board board;

    @Inject
    BoardViewers viewers;

    @Inject
    RequestLocale locale;

    @Inject
    BoardApiResource api;

    @GET
    @PermitAll
    public TemplateInstance board(@QueryParam("topic") String topic, @QueryParam("q") String query) {
        List<Board.Topic> topics = board.topics(locale.get());
        Board.Viewer viewer = viewers.current();
        boolean canAsk = viewer.memberId() != null || !viewer.signedIn();
        String known = topics.stream().anyMatch(t -> t.slug().equals(topic)) ? topic : null;
        String topicTitle = topics.stream().filter(t -> t.slug().equals(known)).map(Board.Topic::title).findFirst().orElse(null);
        if (query != null && !query.isBlank()) {
            String q = query.strip().length() > 200 ? query.strip().substring(0, 200) : query.strip();
            return Templates.board(topics, known, topicTitle, q, List.of(), board.search(q), canAsk);
        }
        return Templates.board(topics, known, topicTitle, null, board.questions(known, viewer, locale.get(), 50), List.of(), canAsk);
    }

    @GET
    @Path("/questions/{questionId}")
    @PermitAll
    public TemplateInstance question(@PathParam("questionId") String questionId, @QueryParam("done") String done) {
        return questionPage(BoardApiResource.postId(questionId), Map.of(), Map.of(), null, doneText(done));
    }

    /** "Sign in to answer": signing in happens on the way here, then the question's answer form. */
    @GET
    @Path("/sign-in/{questionId}")
    @RolesAllowed({Roles.MEMBER, Roles.SUPPORT_AGENT, Roles.SUPPORT_SUPERVISOR})
    public Response signInToAnswer(@PathParam("questionId") String questionId) {
        return seeOther("/board/questions/" + BoardApiResource.postId(questionId) + "#answer-form");
    }

    @GET
    @Path("/ask")
    @RolesAllowed(Roles.MEMBER)
    public TemplateInstance askForm(@QueryParam("topic") String topic) {
        return Templates.ask(board.topics(locale.get()), Map.of("topic", topic == null ? "" : topic), Map.of(), ErrorSummary.NONE, null);
    }

    @POST
    @Path("/ask")
    @RolesAllowed(Roles.MEMBER)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response ask(@FormParam("topic") String topic, @FormParam("title") String title, @FormParam("body") String body) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("topic", topic == null ? "" : topic.strip());
        form.put("title", title == null ? "" : title.strip());
        form.put("body", body == null ? "" : body.strip());
        Texts texts = locale.texts();
        Map<String, String> errors = new LinkedHashMap<>();
        if (form.get("topic").isEmpty()) {
            errors.put("topic", texts.problem("coalition.field.required"));
        }
        required(form, "title", 200, errors, texts);
        required(form, "body", 10000, errors, texts);
        List<Board.Topic> topics = board.topics(locale.get());
        if (!errors.isEmpty()) {
            return Response.status(422).entity(Templates.ask(topics, form, errors, summary(errors), null)).build();
        }
        try {
            Board.Posted posted = board.ask(viewers.member(), form.get("topic"), form.get("title"), form.get("body"));
            return seeOther("/board/questions/" + posted.postId() + "?done=" + (State.pending(posted) ? "pending" : "posted"));
        } catch (ProblemException e) {
            return problemPage(e, Templates.ask(topics, form, Map.of(), ErrorSummary.NONE, texts.problemDetailOrTitle(e)));
        }
    }

    @POST
    @Path("/questions/{questionId}/answers")
    @RolesAllowed({Roles.MEMBER, Roles.SUPPORT_AGENT, Roles.SUPPORT_SUPERVISOR})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response answer(@PathParam("questionId") String questionId, @FormParam("body") String body) {
        UUID id = BoardApiResource.postId(questionId);
        Map<String, String> form = Map.of("body", body == null ? "" : body.strip());
        Texts texts = locale.texts();
        Map<String, String> errors = new LinkedHashMap<>();
        required(form, "body", 10000, errors, texts);
        if (!errors.isEmpty()) {
            return Response.status(422).entity(questionPage(id, form, errors, null, null)).build();
        }
        try {
            Board.Posted posted = board.answer(id, viewers.current(), form.get("body"));
            return seeOther("/board/questions/" + id + "?done=" + (State.pending(posted) ? "pending" : "posted") + "#post-" + posted.postId());
        } catch (ProblemException e) {
            return problemPage(e, questionPage(id, form, Map.of(), texts.problemDetailOrTitle(e), null));
        }
    }

    @POST
    @Path("/questions/{questionId}/posts/{postId}/report")
    @RolesAllowed(Roles.MEMBER)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response report(@PathParam("questionId") String questionId, @PathParam("postId") String postId, @FormParam("reason") String reason) {
        UUID id = BoardApiResource.postId(questionId);
        String r = reason == null || reason.isBlank() ? msg().boardReportDefault() : reason.strip();
        try {
            board.report(BoardApiResource.postId(postId), viewers.member(), r.length() > 500 ? r.substring(0, 500) : r);
            return seeOther("/board/questions/" + id + "?done=reported");
        } catch (ProblemException e) {
            return problemPage(e, questionPage(id, Map.of(), Map.of(), locale.texts().problemDetailOrTitle(e), null));
        }
    }

    // ---------------------------------------------------------------- agents' buttons on a question

    @POST
    @Path("/questions/{questionId}/accept")
    @RolesAllowed({Roles.SUPPORT_AGENT, Roles.SUPPORT_SUPERVISOR})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response accept(@PathParam("questionId") String questionId, @FormParam("answerId") String answerId) {
        UUID id = BoardApiResource.postId(questionId);
        return staffAction(id, () -> board.accept(id, BoardApiResource.answerId(answerId), viewers.staffName()), "accepted");
    }

    @POST
    @Path("/questions/{questionId}/posts/{postId}/hide")
    @RolesAllowed({Roles.SUPPORT_AGENT, Roles.SUPPORT_SUPERVISOR})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response hide(@PathParam("questionId") String questionId, @PathParam("postId") String postId, @FormParam("reason") String reason) {
        UUID id = BoardApiResource.postId(questionId);
        String r = reason == null || reason.isBlank() ? msg().boardHiddenDefault() : reason.strip();
        return staffAction(id, () -> board.hide(BoardApiResource.postId(postId), viewers.staffName(), r.length() > 500 ? r.substring(0, 500) : r), "hidden");
    }

    @POST
    @Path("/questions/{questionId}/ticket")
    @RolesAllowed({Roles.SUPPORT_AGENT, Roles.SUPPORT_SUPERVISOR})
    public Response moveToTicket(@PathParam("questionId") String questionId) {
        UUID id = BoardApiResource.postId(questionId);
        return staffAction(id, () -> board.moveToTicket(id, viewers.staffName(), api.movedNote(id)), "moved");
    }

    private Response staffAction(UUID questionId, Runnable action, String done) {
        try {
            action.run();
            return seeOther("/board/questions/" + questionId + "?done=" + done);
        } catch (ProblemException e) {
            return problemPage(e, questionPage(questionId, Map.of(), Map.of(), locale.texts().problemDetailOrTitle(e), null));
        }
    }

    // ---------------------------------------------------------------- helpers

    private TemplateInstance questionPage(UUID id, Map<String, String> form, Map<String, String> errors, String alert, String done) {
        Board.Viewer viewer = viewers.current();
        Board.Question q = board.question(id, viewer, locale.get());
        return Templates.question(q, viewer, viewer.memberId() != null, form, errors, summary(errors), alert, done);
    }

    private String doneText(String done) {
        if (done == null) {
            return null;
        }
        BoardMsg m = msg();
        return switch (done) {
            case "pending" -> m.boardDonePending();
            case "posted" -> m.boardDonePosted();
            case "reported" -> m.boardDoneReported();
            case "accepted" -> m.boardDoneAccepted();
            case "hidden" -> m.boardDoneHidden();
            case "moved" -> m.boardDoneMoved();
            default -> null;
        };
    }

    private ErrorSummary summary(Map<String, String> errors) {
        BoardMsg m = msg();
        return ErrorSummary.of(errors, f -> switch (f) {
            case "topic" -> m.boardTopic();
            case "title" -> m.boardQuestionTitle();
            default -> m.boardText();
        });
    }

    private BoardMsg msg() {
        return Messages.board(locale.get());
    }

    static void required(Map<String, String> form, String field, int max, Map<String, String> errors, Texts texts) {
        String v = form.get(field);
        if (v == null || v.isBlank()) {
            errors.put(field, texts.problem("coalition.field.required"));
        } else if (v.length() > max) {
            errors.put(field, texts.problem("coalition.field.too-long"));
        }
    }

    static Response seeOther(String location) {
        return Response.seeOther(URI.create(location)).build();
    }

    static Response problemPage(ProblemException e, TemplateInstance page) {
        Response.ResponseBuilder answer = Response.status(e.status()).entity(page);
        if (e.retryAfterSeconds() != null) {
            answer.header("Retry-After", e.retryAfterSeconds());
        }
        return answer.build();
    }

    /** Whether a post waits for a moderator. */
    static final class State {
        static boolean pending(Board.Posted p) {
            return Board.State.PENDING.name().equals(p.state());
        }
    }
}
