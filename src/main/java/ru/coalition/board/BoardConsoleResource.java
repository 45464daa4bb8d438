package ru.coalition.board;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
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

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The board in the operator console: the moderation queue (first posts to approve or reject with a reason), reported
 * posts (hide or dismiss), and the knowledge base's articles with their editor.
 */
@Path("/operator/board")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({Roles.SUPPORT_AGENT, Roles.SUPPORT_SUPERVISOR})
public class BoardConsoleResource {

    @CheckedTemplate(basePath = "board")
    static class Templates {
        static native TemplateInstance moderation(Board.ModerationQueue queue, List<KnowledgeBase.Summary> articles, String done, String alert);

        static native TemplateInstance editor(String slug, List<Board.Topic> topics, Map<String, String> form, Map<String, String> errors,
                                              ErrorSummary summary, String alert, String done);
    }

    @Inject
    Board board;

    @Inject
    KnowledgeBase kb;

    @Inject
    BoardViewers viewers;

    @Inject
    RequestLocale locale;

    @GET
    public TemplateInstance page(@QueryParam("done") String done) {
        return page(doneText(done), null);
    }

    private TemplateInstance page(String done, String alert) {
        return Templates.moderation(board.moderation(), kb.list(null, true, locale.get()), done, alert);
    }

    @POST
    @Path("/posts/{postId}/approve")
    public Response approve(@PathParam("postId") String postId) {
        return act(() -> board.approve(BoardApiResource.postId(postId), viewers.staffName()), "approved");
    }

    @POST
    @Path("/posts/{postId}/reject")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response reject(@PathParam("postId") String postId, @FormParam("reason") String reason) {
        return act(() -> board.reject(BoardApiResource.postId(postId), viewers.staffName(), reason(reason)), "rejected");
    }

    @POST
    @Path("/posts/{postId}/hide")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response hide(@PathParam("postId") String postId, @FormParam("reason") String reason) {
        return act(() -> board.hide(BoardApiResource.postId(postId), viewers.staffName(), reason(reason)), "hidden");
    }

    @POST
    @Path("/posts/{postId}/dismiss")
    public Response dismiss(@PathParam("postId") String postId) {
        return act(() -> board.dismissReports(BoardApiResource.postId(postId), viewers.staffName()), "dismissed");
    }

    private String reason(String reason) {
        String r = reason == null || reason.isBlank() ? msg().boardRulesBroken() : reason.strip();
        return r.length() > 500 ? r.substring(0, 500) : r;
    }

    private Response act(Runnable action, String done) {
        try {
            action.run();
            return BoardPagesResource.seeOther("/operator/board?done=" + done);
        } catch (ProblemException e) {
            return BoardPagesResource.problemPage(e, page(null, locale.texts().problemDetailOrTitle(e)));
        }
    }

    // ---------------------------------------------------------------- the article editor

    @GET
    @Path("/kb/new")
    public TemplateInstance newArticle(@QueryParam("fromAnswer") String fromAnswer) {
        Map<String, String> form = new LinkedHashMap<>();
        if (fromAnswer != null && !fromAnswer.isBlank()) {
            KnowledgeBase.Draft d = kb.draftFrom(BoardApiResource.answerId(fromAnswer));
            form.put("title", d.title());
            form.put("body", d.body());
            form.put("topic", d.topic());
            form.put("fromAnswer", d.fromAnswer().toString());
        }
        return editor(null, form, Map.of(), null, null);
    }

    @POST
    @Path("/kb/new")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(@FormParam("title") String title, @FormParam("body") String body, @FormParam("topic") String topic,
                           @FormParam("published") String published, @FormParam("fromAnswer") String fromAnswer) {
        Map<String, String> form = form(title, body, topic, published);
        form.put("fromAnswer", fromAnswer == null ? "" : fromAnswer.strip());
        Map<String, String> errors = check(form);
        if (!errors.isEmpty()) {
            return Response.status(422).entity(editor(null, form, errors, null, null)).build();
        }
        try {
            KnowledgeBase.Article a = kb.create(input(form, form.get("fromAnswer").isEmpty() ? null : BoardApiResource.answerId(form.get("fromAnswer"))),
                    viewers.staffName(), locale.get());
            return BoardPagesResource.seeOther("/operator/board/kb/" + a.slug() + "?done=saved");
        } catch (ProblemException e) {
            return BoardPagesResource.problemPage(e, editor(null, form, Map.of(), locale.texts().problemDetailOrTitle(e), null));
        }
    }

    @GET
    @Path("/kb/{slug}")
    public TemplateInstance edit(@PathParam("slug") String slug, @QueryParam("done") String done) {
        KnowledgeBase.Article a = kb.article(slug, true, locale.get());
        Map<String, String> form = new LinkedHashMap<>();
        form.put("title", a.title());
        form.put("body", a.body());
        form.put("topic", a.topic());
        form.put("published", a.published() ? "on" : "");
        return editor(a.slug(), form, Map.of(), null, "saved".equals(done) ? msg().boardArticleSaved() : null);
    }

    @POST
    @Path("/kb/{slug}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response update(@PathParam("slug") String slug, @FormParam("title") String title, @FormParam("body") String body,
                           @FormParam("topic") String topic, @FormParam("published") String published) {
        KnowledgeBase.Article current = kb.article(slug, true, locale.get());
        Map<String, String> form = form(title, body, topic, published);
        Map<String, String> errors = check(form);
        if (!errors.isEmpty()) {
            return Response.status(422).entity(editor(current.slug(), form, errors, null, null)).build();
        }
        try {
            kb.update(current.slug(), input(form, null), viewers.staffName(), locale.get());
            return BoardPagesResource.seeOther("/operator/board/kb/" + current.slug() + "?done=saved");
        } catch (ProblemException e) {
            return BoardPagesResource.problemPage(e, editor(current.slug(), form, Map.of(), locale.texts().problemDetailOrTitle(e), null));
        }
    }

    private static Map<String, String> form(String title, String body, String topic, String published) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("title", title == null ? "" : title.strip());
        form.put("body", body == null ? "" : body.strip());
        form.put("topic", topic == null ? "" : topic.strip());
        form.put("published", published == null ? "" : "on");
        return form;
    }

    private Map<String, String> check(Map<String, String> form) {
        Texts texts = locale.texts();
        Map<String, String> errors = new LinkedHashMap<>();
        BoardPagesResource.required(form, "title", 200, errors, texts);
        BoardPagesResource.required(form, "body", 20000, errors, texts);
        if (form.get("topic").isEmpty()) {
            errors.put("topic", texts.problem("coalition.field.required"));
        }
        return errors;
    }

    private static KnowledgeBase.Input input(Map<String, String> form, UUID fromAnswer) {
        return new KnowledgeBase.Input(form.get("title"), form.get("body"), form.get("topic"), "on".equals(form.get("published")), null, fromAnswer);
    }

    private TemplateInstance editor(String slug, Map<String, String> form, Map<String, String> errors, String alert, String done) {
        BoardMsg m = msg();
        ErrorSummary summary = ErrorSummary.of(errors, f -> switch (f) {
            case "topic" -> m.boardTopic();
            case "title" -> m.boardArticleTitle();
            default -> m.boardText();
        });
        return Templates.editor(slug, board.topics(locale.get()), form, errors, summary, alert, done);
    }

    private String doneText(String done) {
        if (done == null) {
            return null;
        }
        BoardMsg m = msg();
        return switch (done) {
            case "approved" -> m.boardDoneApproved();
            case "rejected" -> m.boardDoneRejected();
            case "hidden" -> m.boardDoneHidden();
            case "dismissed" -> m.boardDoneDismissed();
            default -> null;
        };
    }

    private BoardMsg msg() {
        return Messages.board(locale.get());
    }
}
