package ru.coalition.board;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import ru.coalition.identity.Roles;
import ru.coalition.platform.ApiDocument;
import ru.coalition.platform.CoalitionConfig;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.Messages;
import ru.coalition.platform.ProblemException;
import ru.coalition.platform.ProblemResponses;
import ru.coalition.platform.RequestLocale;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The public Q&A board and the knowledge base as JSON (issue 11 §6). Reading and searching are open to anyone; a
 * member's token asks, answers and reports; a support agent's token answers as staff, moderates and keeps the
 * knowledge base.
 */
@Path("/api/v1/board")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiDocument.TAG_BOARD)
public class BoardApiResource {

    static final String SLUG = "[a-z0-9]+(-[a-z0-9]+)*";

    @Schema(name = "BoardQuestionRequest")
    public record AskRequest(
            @Schema(description = "A topic's slug (GET /api/v1/board/topics)") @NotBlank(message = "{coalition.field.required}") String topic,
            @NotBlank(message = "{coalition.field.required}") @Size(max = 200, message = "{coalition.field.too-long}") String title,
            @Schema(description = "Markdown") @NotBlank(message = "{coalition.field.required}")
            @Size(max = 10000, message = "{coalition.field.too-long}") String body) {
    }

    @Schema(name = "BoardAnswerRequest")
    public record AnswerRequest(@Schema(description = "Markdown") @NotBlank(message = "{coalition.field.required}")
                                @Size(max = 10000, message = "{coalition.field.too-long}") String body) {
    }

    @Schema(name = "BoardReason")
    public record Reason(@NotBlank(message = "{coalition.field.required}") @Size(max = 500, message = "{coalition.field.too-long}") String reason) {
    }

    @Schema(name = "BoardAccept")
    public record Accept(@Schema(description = "The answer's postId") @NotBlank(message = "{coalition.field.required}") String answerId) {
    }

    @Schema(name = "BoardTopicRequest")
    public record TopicRequest(@NotBlank(message = "{coalition.field.required}") @Size(max = 40, message = "{coalition.field.too-long}")
                               @Pattern(regexp = SLUG, message = "{coalition.field.choice}") String slug,
                               @NotBlank(message = "{coalition.field.required}") @Size(max = 100, message = "{coalition.field.too-long}") String titleRu,
                               @NotBlank(message = "{coalition.field.required}") @Size(max = 100, message = "{coalition.field.too-long}") String titleEn,
                               @Min(value = 0, message = "{coalition.field.choice}") @Max(value = 10000, message = "{coalition.field.choice}") int position) {
    }

    @Schema(name = "KbArticleRequest")
    public record ArticleRequest(
            @NotBlank(message = "{coalition.field.required}") @Size(max = 200, message = "{coalition.field.too-long}") String title,
            @Schema(description = "Markdown") @NotBlank(message = "{coalition.field.required}")
            @Size(max = 20000, message = "{coalition.field.too-long}") String body,
            @NotBlank(message = "{coalition.field.required}") String topic,
            boolean published,
            @Schema(description = "The address (/kb/{slug}); made from the title when empty. Ignored on update.")
            @Size(max = 80, message = "{coalition.field.too-long}") @Pattern(regexp = SLUG, message = "{coalition.field.choice}") String slug,
            @Schema(description = "The board answer it is made from (postId), if any") String fromAnswer) {
        KnowledgeBase.Input input() {
            return new KnowledgeBase.Input(title, body, topic, published, slug, fromAnswer == null || fromAnswer.isBlank() ? null : answerId(fromAnswer));
        }
    }

    @Inject
    Board board;

    @Inject
    KnowledgeBase kb;

    @Inject
    BoardViewers viewers;

    @Inject
    RequestLocale locale;

    @Inject
    CoalitionConfig config;

    // ---------------------------------------------------------------- reading: anyone

    @GET
    @Path("/topics")
    @PermitAll
    @SecurityRequirements
    @Operation(operationId = "boardTopics", summary = "The board's topics with their number of published questions")
    @ProblemResponses(ErrorCode.NOT_ACCEPTABLE)
    public List<Board.Topic> topics() {
        return board.topics(locale.get());
    }

    @GET
    @Path("/questions")
    @PermitAll
    @SecurityRequirements
    @Operation(operationId = "boardQuestions", summary = "Published questions, newest first (at most 100)",
            description = "With a member's token, the member's own questions waiting for a moderator or rejected are listed too.")
    @ProblemResponses(ErrorCode.BOARD_TOPIC_UNKNOWN)
    public List<Board.QuestionSummary> questions(@QueryParam("topic") String topic) {
        return board.questions(topic, viewers.current(), locale.get(), 100);
    }

    @GET
    @Path("/questions/{questionId}")
    @PermitAll
    @SecurityRequirements
    @Operation(operationId = "boardQuestion", summary = "A question with its answers",
            description = "Posts waiting for a moderator show only to their author and support. A question moved into a private"
                    + " ticket shows only that it was moved (state MOVED).")
    @ProblemResponses(ErrorCode.BOARD_POST_NOT_FOUND)
    public Board.Question question(@PathParam("questionId") String questionId) {
        return board.question(postId(questionId), viewers.current(), locale.get());
    }

    @GET
    @Path("/search")
    @PermitAll
    @SecurityRequirements
    @Operation(operationId = "boardSearch", summary = "Search published questions and knowledge-base articles",
            description = "Russian word forms match (full-text search), and so do titles with a typo (trigrams). Best first, at most 30.")
    @ProblemResponses(ErrorCode.VALIDATION)
    public List<Board.Hit> search(@QueryParam("q") @Size(max = 200, message = "{coalition.field.too-long}") String q) {
        return board.search(q);
    }

    @GET
    @Path("/kb")
    @PermitAll
    @SecurityRequirements
    @Operation(operationId = "kbArticles", summary = "Published knowledge-base articles by topic (drafts too for support agents)")
    @ProblemResponses(ErrorCode.BOARD_TOPIC_UNKNOWN)
    public List<KnowledgeBase.Summary> articles(@QueryParam("topic") String topic) {
        return kb.list(topic, viewers.isStaff(), locale.get());
    }

    @GET
    @Path("/kb/{slug}")
    @PermitAll
    @SecurityRequirements
    @Operation(operationId = "kbArticle", summary = "A knowledge-base article")
    @ProblemResponses(ErrorCode.BOARD_ARTICLE_NOT_FOUND)
    public KnowledgeBase.Article article(@PathParam("slug") String slug) {
        return kb.article(slug, viewers.isStaff(), locale.get());
    }

    // ---------------------------------------------------------------- posting: members (and agents answer)

    @POST
    @Path("/questions")
    @RolesAllowed(Roles.MEMBER)
    @SecurityRequirement(name = ApiDocument.SECURITY_SCHEME)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "boardAsk", summary = "Ask a question (Markdown)",
            description = "A member's first post waits for a moderator (state PENDING) and is visible only to its author and support;"
                    + " once one of their posts was approved, later ones are PUBLISHED at once. Posting is limited per member"
                    + " (by default 5 posts in 10 minutes and 30 a day): over it, 429 with Retry-After.")
    @APIResponseSchema(value = Board.Posted.class, responseCode = "201", responseDescription = "Posted")
    @ProblemResponses({ErrorCode.VALIDATION, ErrorCode.BOARD_TOPIC_UNKNOWN, ErrorCode.BOARD_THROTTLED, ErrorCode.MEMBER_NOT_FOUND})
    public Response ask(@NotNull(message = "{coalition.field.body-required}") @Valid AskRequest r) {
        return Response.status(201).entity(board.ask(viewers.member(), r.topic(), r.title(), r.body())).build();
    }

    @POST
    @Path("/questions/{questionId}/answers")
    @RolesAllowed({Roles.MEMBER, Roles.SUPPORT_AGENT, Roles.SUPPORT_SUPERVISOR})
    @SecurityRequirement(name = ApiDocument.SECURITY_SCHEME)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "boardAnswer", summary = "Answer a published question (Markdown)",
            description = "A support agent's answer is marked as staff and published at once; a member's follows the rules of asking.")
    @APIResponseSchema(value = Board.Posted.class, responseCode = "201", responseDescription = "Posted")
    @ProblemResponses({ErrorCode.VALIDATION, ErrorCode.BOARD_POST_NOT_FOUND, ErrorCode.BOARD_QUESTION_CLOSED, ErrorCode.BOARD_THROTTLED,
            ErrorCode.MEMBER_NOT_FOUND})
    public Response answer(@PathParam("questionId") String questionId, @NotNull(message = "{coalition.field.body-required}") @Valid AnswerRequest r) {
        Board.Viewer viewer = viewers.current();
        if (!viewer.signedIn()) {
            throw new ProblemException(ErrorCode.MEMBER_NOT_FOUND);
        }
        return Response.status(201).entity(board.answer(postId(questionId), viewer, r.body())).build();
    }

    @POST
    @Path("/posts/{postId}/reports")
    @RolesAllowed(Roles.MEMBER)
    @SecurityRequirement(name = ApiDocument.SECURITY_SCHEME)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "boardReport", summary = "Report a published question or answer as abuse (once per member and post)")
    @APIResponseSchema(value = Void.class, responseCode = "204", responseDescription = "Reported: support will look at it")
    @ProblemResponses({ErrorCode.VALIDATION, ErrorCode.BOARD_POST_NOT_FOUND, ErrorCode.BOARD_REPORTED, ErrorCode.MEMBER_NOT_FOUND})
    public Response report(@PathParam("postId") String postId, @NotNull(message = "{coalition.field.body-required}") @Valid Reason r) {
        board.report(postId(postId), viewers.member(), r.reason());
        return Response.noContent().build();
    }

    // ---------------------------------------------------------------- moderation: support agents

    @GET
    @Path("/moderation")
    @RolesAllowed({Roles.SUPPORT_AGENT, Roles.SUPPORT_SUPERVISOR})
    @SecurityRequirement(name = ApiDocument.SECURITY_SCHEME)
    @Operation(operationId = "boardModerationQueue", summary = "Posts waiting for approval (oldest first) and reported posts")
    public Board.ModerationQueue moderation() {
        return board.moderation();
    }

    @POST
    @Path("/posts/{postId}/approve")
    @RolesAllowed({Roles.SUPPORT_AGENT, Roles.SUPPORT_SUPERVISOR})
    @SecurityRequirement(name = ApiDocument.SECURITY_SCHEME)
    @Operation(operationId = "boardApprove", summary = "Publish a waiting post; its author's later posts appear at once")
    @APIResponseSchema(value = Void.class, responseCode = "204", responseDescription = "Published")
    @ProblemResponses({ErrorCode.BOARD_POST_NOT_FOUND, ErrorCode.BOARD_POST_STATE})
    public Response approve(@PathParam("postId") String postId) {
        board.approve(postId(postId), viewers.staffName());
        return Response.noContent().build();
    }

    @POST
    @Path("/posts/{postId}/reject")
    @RolesAllowed({Roles.SUPPORT_AGENT, Roles.SUPPORT_SUPERVISOR})
    @SecurityRequirement(name = ApiDocument.SECURITY_SCHEME)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "boardReject", summary = "Refuse a waiting post, with a reason its author sees")
    @APIResponseSchema(value = Void.class, responseCode = "204", responseDescription = "Rejected")
    @ProblemResponses({ErrorCode.VALIDATION, ErrorCode.BOARD_POST_NOT_FOUND, ErrorCode.BOARD_POST_STATE})
    public Response reject(@PathParam("postId") String postId, @NotNull(message = "{coalition.field.body-required}") @Valid Reason r) {
        board.reject(postId(postId), viewers.staffName(), r.reason());
        return Response.noContent().build();
    }

    @POST
    @Path("/posts/{postId}/hide")
    @RolesAllowed({Roles.SUPPORT_AGENT, Roles.SUPPORT_SUPERVISOR})
    @SecurityRequirement(name = ApiDocument.SECURITY_SCHEME)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "boardHide", summary = "Take a post off the board, with a reason; its open reports are settled")
    @APIResponseSchema(value = Void.class, responseCode = "204", responseDescription = "Hidden")
    @ProblemResponses({ErrorCode.VALIDATION, ErrorCode.BOARD_POST_NOT_FOUND, ErrorCode.BOARD_POST_STATE})
    public Response hide(@PathParam("postId") String postId, @NotNull(message = "{coalition.field.body-required}") @Valid Reason r) {
        board.hide(postId(postId), viewers.staffName(), r.reason());
        return Response.noContent().build();
    }

    @POST
    @Path("/posts/{postId}/dismiss-reports")
    @RolesAllowed({Roles.SUPPORT_AGENT, Roles.SUPPORT_SUPERVISOR})
    @SecurityRequirement(name = ApiDocument.SECURITY_SCHEME)
    @Operation(operationId = "boardDismissReports", summary = "Settle a post's reports as unfounded: it stays")
    @APIResponseSchema(value = Void.class, responseCode = "204", responseDescription = "Settled")
    @ProblemResponses(ErrorCode.BOARD_POST_NOT_FOUND)
    public Response dismiss(@PathParam("postId") String postId) {
        board.dismissReports(postId(postId), viewers.staffName());
        return Response.noContent().build();
    }

    @POST
    @Path("/questions/{questionId}/accepted")
    @RolesAllowed({Roles.SUPPORT_AGENT, Roles.SUPPORT_SUPERVISOR})
    @SecurityRequirement(name = ApiDocument.SECURITY_SCHEME)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "boardAcceptAnswer", summary = "Mark the answer that solves the question")
    @ProblemResponses({ErrorCode.VALIDATION, ErrorCode.BOARD_POST_NOT_FOUND, ErrorCode.BOARD_QUESTION_CLOSED, ErrorCode.BOARD_NOT_AN_ANSWER})
    public Board.Question accept(@PathParam("questionId") String questionId, @NotNull(message = "{coalition.field.body-required}") @Valid Accept a) {
        UUID id = postId(questionId);
        board.accept(id, answerId(a.answerId()), viewers.staffName());
        return board.question(id, viewers.current(), locale.get());
    }

    @POST
    @Path("/questions/{questionId}/ticket")
    @RolesAllowed({Roles.SUPPORT_AGENT, Roles.SUPPORT_SUPERVISOR})
    @SecurityRequirement(name = ApiDocument.SECURITY_SCHEME)
    @Operation(operationId = "boardMoveToTicket", summary = "Move a question holding personal data into a private ticket of its author",
            description = "The ticket (channel BOARD, category question) gets the question and an internal note of where it came"
                    + " from; the question and its answers leave the board, which says it was moved into a private ticket.")
    @APIResponseSchema(value = Board.Moved.class, responseCode = "201", responseDescription = "The ticket opened")
    @ProblemResponses({ErrorCode.BOARD_POST_NOT_FOUND, ErrorCode.BOARD_POST_STATE})
    public Response moveToTicket(@PathParam("questionId") String questionId) {
        UUID id = postId(questionId);
        return Response.status(201).entity(board.moveToTicket(id, viewers.staffName(), movedNote(id))).build();
    }

    @POST
    @Path("/topics")
    @RolesAllowed({Roles.SUPPORT_SUPERVISOR, Roles.OPERATOR_ADMIN})
    @SecurityRequirement(name = ApiDocument.SECURITY_SCHEME)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "boardSaveTopic", summary = "Add a topic, or rename the one with this slug (support supervisor or operator admin)")
    @ProblemResponses(ErrorCode.VALIDATION)
    public Board.Topic saveTopic(@NotNull(message = "{coalition.field.body-required}") @Valid TopicRequest t) {
        return board.saveTopic(t.slug(), t.titleRu(), t.titleEn(), t.position(), locale.get());
    }

    @GET
    @Path("/kb/drafts/from-answer/{answerId}")
    @RolesAllowed({Roles.SUPPORT_AGENT, Roles.SUPPORT_SUPERVISOR})
    @SecurityRequirement(name = ApiDocument.SECURITY_SCHEME)
    @Operation(operationId = "kbDraftFromAnswer", summary = "An article's draft from a published answer: the question's title and topic, the answer's text")
    @ProblemResponses(ErrorCode.BOARD_NOT_AN_ANSWER)
    public KnowledgeBase.Draft draft(@PathParam("answerId") String answerId) {
        return kb.draftFrom(answerId(answerId));
    }

    @POST
    @Path("/kb")
    @RolesAllowed({Roles.SUPPORT_AGENT, Roles.SUPPORT_SUPERVISOR})
    @SecurityRequirement(name = ApiDocument.SECURITY_SCHEME)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "kbCreate", summary = "Write a knowledge-base article (Markdown), or make one from an answer (fromAnswer)")
    @APIResponseSchema(value = KnowledgeBase.Article.class, responseCode = "201", responseDescription = "Written")
    @ProblemResponses({ErrorCode.VALIDATION, ErrorCode.BOARD_TOPIC_UNKNOWN, ErrorCode.BOARD_SLUG_TAKEN, ErrorCode.BOARD_NOT_AN_ANSWER})
    public Response create(@NotNull(message = "{coalition.field.body-required}") @Valid ArticleRequest a) {
        return Response.status(201).entity(kb.create(a.input(), viewers.staffName(), locale.get())).build();
    }

    @PUT
    @Path("/kb/{slug}")
    @RolesAllowed({Roles.SUPPORT_AGENT, Roles.SUPPORT_SUPERVISOR})
    @SecurityRequirement(name = ApiDocument.SECURITY_SCHEME)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "kbUpdate", summary = "Change an article: title, text, topic, published; its address stays")
    @ProblemResponses({ErrorCode.VALIDATION, ErrorCode.BOARD_TOPIC_UNKNOWN, ErrorCode.BOARD_ARTICLE_NOT_FOUND})
    public KnowledgeBase.Article update(@PathParam("slug") String slug, @NotNull(message = "{coalition.field.body-required}") @Valid ArticleRequest a) {
        return kb.update(slug, a.input(), viewers.staffName(), locale.get());
    }

    /** The internal note a ticket made from a question starts with (in the desk's language, Russian). */
    String movedNote(UUID questionId) {
        return Messages.board(Locale.forLanguageTag("ru")).boardMovedNote(config.publicUrl() + "/board/questions/" + questionId);
    }

    static UUID postId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ProblemException(ErrorCode.BOARD_POST_NOT_FOUND);
        }
    }

    static UUID answerId(String id) {
        try {
            return UUID.fromString(id.strip());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ProblemException(ErrorCode.BOARD_NOT_AN_ANSWER);
        }
    }
}
