package ru.coalition.board;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import ru.coalition.members.Member;
import ru.coalition.members.MemberService;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.ProblemException;
import ru.coalition.platform.RateLimiter;
import ru.coalition.platform.SqlValues;
import ru.coalition.support.Tickets;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The public Q&A board («конференция», issue 11 §6): questions in topics and their answers. A member's post waits for
 * an agent until one of the member's posts has been approved; later posts appear at once. Members report abuse once
 * per post; agents approve, reject with a reason, hide, mark the accepted answer and move a question holding personal
 * data into a private ticket.
 */
@ApplicationScoped
@Transactional
public class Board {

    public enum State { PENDING, PUBLISHED, REJECTED, HIDDEN, MOVED }

    /** Who is looking: a member (memberId), a support agent (staff), or a visitor (neither). */
    public record Viewer(Long memberId, boolean staff, String name) {
        public static final Viewer VISITOR = new Viewer(null, false, null);

        public boolean signedIn() {
            return memberId != null || staff;
        }
    }

    @Schema(name = "BoardTopic")
    public record Topic(String slug, String title, @Schema(description = "Published questions in it") long questions) {
    }

    @Schema(name = "BoardQuestionSummary")
    public record QuestionSummary(UUID questionId, String topic, String topicTitle, String title, String author,
                                  @Schema(description = "PENDING, PUBLISHED or REJECTED (the last two only for its author)") String state,
                                  int answers, boolean answered, Instant createdAt) {
    }

    @Schema(name = "BoardPost")
    public record Post(UUID postId, String author, @Schema(description = "Written by the support desk") boolean staff,
                       @Schema(description = "PENDING, PUBLISHED, REJECTED, HIDDEN or MOVED") String state,
                       @Schema(description = "Why it was rejected or hidden (its author and staff see it)") String note,
                       @Schema(description = "The Markdown as written") String body,
                       @Schema(description = "The Markdown rendered to safe HTML") String html,
                       boolean accepted, @Schema(description = "The caller wrote it") boolean mine, Instant createdAt) {
    }

    @Schema(name = "BoardQuestion")
    public record Question(UUID questionId, String topic, String topicTitle,
                           @Schema(description = "Null when the question was moved into a private ticket") String title,
                           Post post, @Schema(description = "Visible answers, oldest first") List<Post> answers,
                           @Schema(description = "The private ticket's number, for staff and the author, when moved") String ticketNumber) {
        public boolean moved() {
            return State.MOVED.name().equals(post.state());
        }
    }

    @Schema(name = "BoardPosted")
    public record Posted(UUID postId, @Schema(description = "PENDING (waits for a moderator) or PUBLISHED") String state) {
    }

    /** A post waiting for a moderator or reported by members. */
    @Schema(name = "BoardModerationItem")
    public record ModerationItem(UUID postId, String kind, UUID questionId, String questionTitle, String author, String state,
                                 String html, Instant createdAt,
                                 @Schema(description = "Open reports: what members said") List<String> reports) {
    }

    @Schema(name = "BoardModerationQueue")
    public record ModerationQueue(List<ModerationItem> pending, List<ModerationItem> reported) {
    }

    @Schema(name = "BoardSearchHit")
    public record Hit(@Schema(description = "question or article") String kind,
                      @Schema(description = "The question's id or the article's slug") String ref, String title, String snippet) {
        public String href() {
            return "question".equals(kind) ? "/board/questions/" + ref : "/kb/" + ref;
        }
    }

    /** Support's answer when a question became a private ticket. */
    @Schema(name = "BoardMovedToTicket")
    public record Moved(UUID ticketId, String number) {
    }

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    RateLimiter limiter;

    @Inject
    BoardConfig config;

    @Inject
    MemberService members;

    @Inject
    Tickets tickets;

    // ---------------------------------------------------------------- topics

    public List<Topic> topics(Locale locale) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select t.slug, t.title_ru, t.title_en, (select count(*) from board_post p"
                + " where p.topic_id = t.id and p.kind = 'QUESTION' and p.state = 'PUBLISHED') from board_topic t order by t.position, t.id")
                .getResultList();
        return rows.stream().map(r -> new Topic((String) r[0], title(r[1], r[2], locale), ((Number) r[3]).longValue())).toList();
    }

    /** An operator adds a topic (or renames one with the same slug). */
    public Topic saveTopic(String slug, String titleRu, String titleEn, int position, Locale locale) {
        em.createNativeQuery("insert into board_topic (slug, title_ru, title_en, position) values (:s, :ru, :en, :p)"
                        + " on conflict (slug) do update set title_ru = excluded.title_ru, title_en = excluded.title_en, position = excluded.position")
                .setParameter("s", slug).setParameter("ru", titleRu.trim()).setParameter("en", titleEn.trim()).setParameter("p", position)
                .executeUpdate();
        return topics(locale).stream().filter(t -> t.slug().equals(slug)).findFirst().orElseThrow();
    }

    long topicId(String slug) {
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery("select id from board_topic where slug = :s").setParameter("s", slug == null ? "" : slug)
                .getResultList();
        if (ids.isEmpty()) {
            throw new ProblemException(ErrorCode.BOARD_TOPIC_UNKNOWN, String.valueOf(slug));
        }
        return ids.get(0).longValue();
    }

    // ---------------------------------------------------------------- reading

    private static final String SUMMARY = "select p.public_id, t.slug, t.title_ru, t.title_en, p.title, p.author_name, p.state,"
            + " (select count(*) from board_post a where a.question_id = p.id and a.state = 'PUBLISHED'), p.accepted_answer_id is not null,"
            + " p.created_at from board_post p join board_topic t on t.id = p.topic_id";

    /**
     * Published questions, newest first (in a topic, or all), and the viewer's own questions still waiting or rejected.
     */
    public List<QuestionSummary> questions(String topic, Viewer viewer, Locale locale, int limit) {
        Long topicId = topic == null || topic.isBlank() ? null : topicId(topic);
        var q = em.createNativeQuery(SUMMARY + " where p.kind = 'QUESTION' and (p.state = 'PUBLISHED'"
                        + " or (p.author_member_id = :m and p.state in ('PENDING', 'REJECTED')))"
                        + " and (cast(:t as bigint) is null or p.topic_id = :t) order by p.id desc limit :l")
                .unwrap(org.hibernate.query.NativeQuery.class)
                .setParameter("m", viewer.memberId() == null ? -1L : viewer.memberId(), Long.class)
                .setParameter("t", topicId, Long.class).setParameter("l", Math.max(1, Math.min(limit, 200)));
        @SuppressWarnings("unchecked")
        List<Object[]> rows = q.getResultList();
        return rows.stream().map(r -> summary(r, locale)).toList();
    }

    private static QuestionSummary summary(Object[] r, Locale locale) {
        return new QuestionSummary((UUID) r[0], (String) r[1], title(r[2], r[3], locale), (String) r[4], (String) r[5], (String) r[6],
                ((Number) r[7]).intValue(), (Boolean) r[8], SqlValues.toInstant(r[9]));
    }

    private static final String POST = "select p.id, p.public_id, p.kind, p.topic_id, p.question_id, p.title, p.body, p.html,"
            + " p.author_member_id, p.author_name, p.staff, p.state, p.moderation_note, p.accepted_answer_id, p.ticket_number,"
            + " p.created_at from board_post p";

    /** A row of board_post, as read by {@link #POST}. */
    private record Row(long id, UUID publicId, String kind, Long topicId, Long questionId, String title, String body, String html,
                       Long authorMemberId, String authorName, boolean staff, State state, String note, Long acceptedAnswerId,
                       String ticketNumber, Instant createdAt) {
        static Row of(Object[] r) {
            return new Row(((Number) r[0]).longValue(), (UUID) r[1], (String) r[2], longOrNull(r[3]), longOrNull(r[4]), (String) r[5],
                    (String) r[6], (String) r[7], longOrNull(r[8]), (String) r[9], (Boolean) r[10], State.valueOf((String) r[11]),
                    (String) r[12], longOrNull(r[13]), (String) r[14], SqlValues.toInstant(r[15]));
        }

        boolean question() {
            return "QUESTION".equals(kind);
        }

        boolean by(Viewer v) {
            return authorMemberId != null && authorMemberId.equals(v.memberId());
        }

        /** Published posts are public; waiting, rejected and hidden ones only for their author and staff. */
        boolean visibleTo(Viewer v) {
            return state == State.PUBLISHED || state == State.MOVED || v.staff() || by(v);
        }
    }

    private Row row(UUID publicId, boolean lock) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(POST + " where p.public_id = :id" + (lock ? " for update" : ""))
                .setParameter("id", publicId).getResultList();
        if (rows.isEmpty()) {
            throw new ProblemException(ErrorCode.BOARD_POST_NOT_FOUND);
        }
        return Row.of(rows.get(0));
    }

    private Row rowById(long id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(POST + " where p.id = :id").setParameter("id", id).getResultList();
        return Row.of(rows.get(0));
    }

    /** A question the viewer may see, with the answers the viewer may see; 404 otherwise. */
    public Question question(UUID questionId, Viewer viewer, Locale locale) {
        Row q = row(questionId, false);
        if (!q.question() || !q.visibleTo(viewer)) {
            throw new ProblemException(ErrorCode.BOARD_POST_NOT_FOUND);
        }
        Object[] topic = (Object[]) em.createNativeQuery("select slug, title_ru, title_en from board_topic where id = :id")
                .setParameter("id", q.topicId()).getSingleResult();
        String topicTitle = title(topic[1], topic[2], locale);
        if (q.state() == State.MOVED && !viewer.staff()) {
            // moved because it holds personal data: nothing of it stays public; its author learns the ticket's number
            Post note = new Post(q.publicId(), null, false, State.MOVED.name(), null, null, null, false, q.by(viewer), q.createdAt());
            return new Question(q.publicId(), (String) topic[0], topicTitle, null, note, List.of(), q.by(viewer) ? q.ticketNumber() : null);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(POST + " where p.question_id = :q order by p.id").setParameter("q", q.id()).getResultList();
        List<Post> answers = new ArrayList<>();
        for (Object[] r : rows) {
            Row a = Row.of(r);
            if (a.state() != State.MOVED && a.visibleTo(viewer)) {
                answers.add(post(a, viewer, q.acceptedAnswerId()));
            }
        }
        return new Question(q.publicId(), (String) topic[0], topicTitle, q.title(), post(q, viewer, null), answers,
                viewer.staff() ? q.ticketNumber() : null);
    }

    private static Post post(Row r, Viewer viewer, Long acceptedId) {
        boolean seesNote = viewer.staff() || r.by(viewer);
        return new Post(r.publicId(), r.authorName(), r.staff(), r.state().name(), seesNote ? r.note() : null, r.body(), r.html(),
                acceptedId != null && acceptedId == r.id(), r.by(viewer), r.createdAt());
    }

    // ---------------------------------------------------------------- writing

    /** A member asks: published at once when an agent approved one of their posts before, otherwise it waits. */
    public Posted ask(Member member, String topic, String title, String body) {
        long topicId = topicId(topic);
        throttle(member.id);
        State state = trusted(member.id) ? State.PUBLISHED : State.PENDING;
        UUID id = insert("QUESTION", topicId, null, title.trim(), body, member.id, publicName(member), false, state);
        return new Posted(id, state.name());
    }

    /**
     * A member or an agent answers a published question. An agent's answer is marked as the desk's and appears at
     * once; a member's follows the same rule as a question.
     */
    public Posted answer(UUID questionId, Viewer viewer, String body) {
        Row q = row(questionId, false);
        if (!q.question() || !q.visibleTo(viewer)) {
            throw new ProblemException(ErrorCode.BOARD_POST_NOT_FOUND);
        }
        if (q.state() != State.PUBLISHED) {
            throw new ProblemException(ErrorCode.BOARD_QUESTION_CLOSED);
        }
        if (viewer.staff()) {
            UUID id = insert("ANSWER", null, q.id(), null, body, null, viewer.name(), true, State.PUBLISHED);
            return new Posted(id, State.PUBLISHED.name());
        }
        Member member = members.byId(viewer.memberId()).orElseThrow(() -> new ProblemException(ErrorCode.MEMBER_NOT_FOUND));
        throttle(member.id);
        State state = trusted(member.id) ? State.PUBLISHED : State.PENDING;
        UUID id = insert("ANSWER", null, q.id(), null, body, member.id, publicName(member), false, state);
        return new Posted(id, state.name());
    }

    /**
     * A member's posts per short window and per day (coalition.board.*), counted in PostgreSQL so every replica sees
     * the same count; over either limit: 429 with Retry-After. A refused attempt in the short window does not use the
     * day's allowance.
     */
    private void throttle(long memberId) {
        RateLimiter.Hit burst = limiter.hit("board-post:" + memberId, config.burstPosts(), config.burstWindow());
        if (!burst.allowed()) {
            throw new ProblemException(ErrorCode.BOARD_THROTTLED, minutes(burst)).retryAfter(burst.retryAfterSeconds());
        }
        RateLimiter.Hit day = limiter.hit("board-post-day:" + memberId, config.dailyPosts(), Duration.ofDays(1));
        if (!day.allowed()) {
            throw new ProblemException(ErrorCode.BOARD_THROTTLED, minutes(day)).retryAfter(day.retryAfterSeconds());
        }
    }

    private static long minutes(RateLimiter.Hit hit) {
        return Math.max(1, (hit.retryAfterSeconds() + 59) / 60);
    }

    private boolean trusted(long memberId) {
        return !em.createNativeQuery("select 1 from board_trusted_member where member_id = :m").setParameter("m", memberId)
                .getResultList().isEmpty();
    }

    private UUID insert(String kind, Long topicId, Long questionId, String title, String body, Long memberId, String authorName,
                        boolean staff, State state) {
        UUID id = UUID.randomUUID();
        em.createNativeQuery("insert into board_post (public_id, kind, topic_id, question_id, title, body, html, author_member_id,"
                        + " author_name, staff, state, created_at) values (:id, :k, :t, :q, :title, :b, :h, :m, :n, :s, :st, :at)")
                .unwrap(org.hibernate.query.NativeQuery.class)
                .setParameter("id", id).setParameter("k", kind).setParameter("t", topicId, Long.class).setParameter("q", questionId, Long.class)
                .setParameter("title", title, String.class).setParameter("b", body.strip()).setParameter("h", Markdown.html(body.strip()))
                .setParameter("m", memberId, Long.class).setParameter("n", authorName).setParameter("s", staff)
                .setParameter("st", state.name()).setParameter("at", clock.instant()).executeUpdate();
        return id;
    }

    /** A member reports a published post, once; an agent then hides it or dismisses the reports. */
    public void report(UUID postId, Member member, String reason) {
        Viewer viewer = new Viewer(member.id, false, null);
        Row p = row(postId, false);
        if (!p.visibleTo(viewer) || p.state() != State.PUBLISHED) {
            throw new ProblemException(ErrorCode.BOARD_POST_NOT_FOUND);
        }
        int added = em.createNativeQuery("insert into board_report (post_id, member_id, reason, created_at) values (:p, :m, :r, :at)"
                        + " on conflict (post_id, member_id) do nothing")
                .setParameter("p", p.id()).setParameter("m", member.id).setParameter("r", reason.strip())
                .setParameter("at", clock.instant()).executeUpdate();
        if (added == 0) {
            throw new ProblemException(ErrorCode.BOARD_REPORTED);
        }
    }

    // ---------------------------------------------------------------- moderation (support agents)

    private static final String ITEM = "select p.public_id, p.kind, q.public_id, coalesce(p.title, q.title), p.author_name, p.state, p.html,"
            + " p.created_at, p.id from board_post p left join board_post q on q.id = p.question_id";

    /** Posts waiting for approval (oldest first) and posts with open reports (most reported first); at most 200 each. */
    public ModerationQueue moderation() {
        @SuppressWarnings("unchecked")
        List<Object[]> pending = em.createNativeQuery(ITEM + " where p.state = 'PENDING' order by p.id limit 200").getResultList();
        @SuppressWarnings("unchecked")
        List<Object[]> reported = em.createNativeQuery(ITEM + " join (select post_id, count(*) n from board_report where settled_at is null"
                + " group by post_id) r on r.post_id = p.id order by r.n desc, p.id limit 200").getResultList();
        return new ModerationQueue(pending.stream().map(r -> item(r, List.of())).toList(),
                reported.stream().map(r -> item(r, openReports(((Number) r[8]).longValue()))).toList());
    }

    private List<String> openReports(long postId) {
        @SuppressWarnings("unchecked")
        List<String> reasons = em.createNativeQuery("select reason from board_report where post_id = :p and settled_at is null order by id limit 20")
                .setParameter("p", postId).getResultList();
        return reasons;
    }

    private static ModerationItem item(Object[] r, List<String> reports) {
        return new ModerationItem((UUID) r[0], (String) r[1], r[2] == null ? (UUID) r[0] : (UUID) r[2], (String) r[3], (String) r[4],
                (String) r[5], (String) r[6], SqlValues.toInstant(r[7]), reports);
    }

    /** Publishes a waiting post; its author's later posts appear at once. */
    public void approve(UUID postId, String agent) {
        Row p = row(postId, true);
        if (p.state() != State.PENDING) {
            throw new ProblemException(ErrorCode.BOARD_POST_STATE, p.state().name());
        }
        Instant now = clock.instant();
        moderate(p.id(), State.PUBLISHED, null, agent, now);
        if (p.authorMemberId() != null) {
            em.createNativeQuery("insert into board_trusted_member (member_id, approved_by, approved_at) values (:m, :a, :t)"
                            + " on conflict (member_id) do nothing")
                    .setParameter("m", p.authorMemberId()).setParameter("a", agent).setParameter("t", now).executeUpdate();
        }
    }

    /** Refuses a waiting post; its author sees the reason, nobody else sees the post. */
    public void reject(UUID postId, String agent, String reason) {
        Row p = row(postId, true);
        if (p.state() != State.PENDING) {
            throw new ProblemException(ErrorCode.BOARD_POST_STATE, p.state().name());
        }
        moderate(p.id(), State.REJECTED, reason.strip(), agent, clock.instant());
    }

    /** Takes a post off the board (its author and staff still see it, with the reason); its open reports are settled. */
    public void hide(UUID postId, String agent, String reason) {
        Row p = row(postId, true);
        if (p.state() == State.MOVED || p.state() == State.REJECTED) {
            throw new ProblemException(ErrorCode.BOARD_POST_STATE, p.state().name());
        }
        Instant now = clock.instant();
        moderate(p.id(), State.HIDDEN, reason.strip(), agent, now);
        settleReports(p.id(), agent, now);
    }

    /** The reports of a post were unfounded: it stays as it is. */
    public void dismissReports(UUID postId, String agent) {
        Row p = row(postId, true);
        settleReports(p.id(), agent, clock.instant());
    }

    private void settleReports(long postId, String agent, Instant now) {
        em.createNativeQuery("update board_report set settled_by = :a, settled_at = :t where post_id = :p and settled_at is null")
                .setParameter("a", agent).setParameter("t", now).setParameter("p", postId).executeUpdate();
    }

    private void moderate(long id, State state, String note, String agent, Instant now) {
        em.createNativeQuery("update board_post set state = :s, moderation_note = :n, moderated_by = :a, moderated_at = :t where id = :id")
                .unwrap(org.hibernate.query.NativeQuery.class)
                .setParameter("s", state.name()).setParameter("n", note, String.class).setParameter("a", agent).setParameter("t", now)
                .setParameter("id", id).executeUpdate();
    }

    /** Marks the answer that solves a published question (another answer may replace it later). */
    public void accept(UUID questionId, UUID answerId, String agent) {
        Row q = row(questionId, true);
        if (!q.question()) {
            throw new ProblemException(ErrorCode.BOARD_POST_NOT_FOUND);
        }
        if (q.state() != State.PUBLISHED) {
            throw new ProblemException(ErrorCode.BOARD_QUESTION_CLOSED);
        }
        Row a;
        try {
            a = row(answerId, false);
        } catch (ProblemException e) {
            throw new ProblemException(ErrorCode.BOARD_NOT_AN_ANSWER);
        }
        if (a.question() || a.questionId() != q.id() || a.state() != State.PUBLISHED) {
            throw new ProblemException(ErrorCode.BOARD_NOT_AN_ANSWER);
        }
        em.createNativeQuery("update board_post set accepted_answer_id = :a, moderated_by = :by, moderated_at = :t where id = :q")
                .setParameter("a", a.id()).setParameter("by", agent).setParameter("t", clock.instant()).setParameter("q", q.id())
                .executeUpdate();
    }

    /**
     * A question holding personal data becomes a private ticket of its author (channel BOARD, category question): the
     * ticket gets the question and a note of where it came from, and the question leaves the board with its answers.
     */
    public Moved moveToTicket(UUID questionId, String agent, String noteForTicket) {
        Row q = row(questionId, true);
        if (!q.question()) {
            throw new ProblemException(ErrorCode.BOARD_POST_NOT_FOUND);
        }
        if (q.state() == State.MOVED || q.authorMemberId() == null) {
            throw new ProblemException(ErrorCode.BOARD_POST_STATE, q.state().name());
        }
        Member author = members.byId(q.authorMemberId()).orElseThrow(() -> new ProblemException(ErrorCode.MEMBER_NOT_FOUND));
        Tickets.Opened opened = tickets.open(author, new Tickets.Opening(q.title(), q.body(), "question", null, null), Tickets.Channel.BOARD);
        tickets.answer(opened.ticketId(), agent, noteForTicket, true);
        em.createNativeQuery("update board_post set state = 'MOVED', ticket_id = :tid, ticket_number = :no, moderated_by = :a,"
                        + " moderated_at = :t where id = :id")
                .setParameter("tid", opened.ticketId()).setParameter("no", opened.number()).setParameter("a", agent)
                .setParameter("t", clock.instant()).setParameter("id", q.id()).executeUpdate();
        settleReports(q.id(), agent, clock.instant());
        return new Moved(opened.ticketId(), opened.number());
    }

    /** The question and accepted answer an article is made from: topic, title and the answer's Markdown. */
    public record AnswerSource(long answerId, String topic, String title, String body) {
    }

    AnswerSource answerSource(UUID answerId) {
        Row a = row(answerId, false);
        if (a.question() || a.state() != State.PUBLISHED) {
            throw new ProblemException(ErrorCode.BOARD_NOT_AN_ANSWER);
        }
        Row q = rowById(a.questionId());
        String topic = (String) em.createNativeQuery("select slug from board_topic where id = :id").setParameter("id", q.topicId())
                .getSingleResult();
        return new AnswerSource(a.id(), topic, q.title(), a.body());
    }

    // ---------------------------------------------------------------- search

    /**
     * One search over published questions and articles: PostgreSQL full-text search in the russian configuration,
     * each word also matching as a prefix of a stem («начислили» → начисл:* finds «начисление»), plus trigram word
     * similarity of the titles for typos («начесление»). Best first, at most 30.
     */
    public List<Hit> search(String text) {
        List<String> words = words(text);
        if (words.isEmpty()) {
            return List.of();
        }
        String tsquery = String.join(" & ", words.stream().map(w -> w + ":*").toList());
        String plain = String.join(" ", words);
        em.createNativeQuery("select set_config('pg_trgm.word_similarity_threshold', '0.45', true)").getSingleResult();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        with q as (select to_tsquery('russian', :tsq) as tsq)
                        select 'question', cast(p.public_id as text), p.title, p.body,
                               ts_rank(p.search, q.tsq) + word_similarity(:w, p.title) as rank
                          from board_post p, q
                         where p.kind = 'QUESTION' and p.state = 'PUBLISHED' and (p.search @@ q.tsq or :w <% p.title)
                        union all
                        select 'article', a.slug, a.title, a.body, ts_rank(a.search, q.tsq) + word_similarity(:w, a.title) + 0.05
                          from kb_article a, q
                         where a.published and (a.search @@ q.tsq or :w <% a.title)
                         order by 5 desc limit 30""")
                .setParameter("tsq", tsquery).setParameter("w", plain).getResultList();
        return rows.stream().map(r -> new Hit((String) r[0], (String) r[1], (String) r[2], snippet((String) r[3]))).toList();
    }

    /** The words of a query (letters and digits only, so nothing of it is tsquery syntax), at most 8. */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        if (text == null) {
            return words;
        }
        var m = java.util.regex.Pattern.compile("[\\p{L}\\p{N}]+").matcher(text.toLowerCase(Locale.ROOT));
        while (m.find() && words.size() < 8) {
            String w = m.group();
            words.add(w.length() > 40 ? w.substring(0, 40) : w);
        }
        return words;
    }

    /** The first words of a Markdown text as plain text, for a search result. */
    static String snippet(String markdown) {
        String plain = markdown.replaceAll("[#*_`>\\[\\]()~|]", " ").replaceAll("\\s+", " ").strip();
        return plain.length() <= 200 ? plain : plain.substring(0, plain.lastIndexOf(' ', 200) > 100 ? plain.lastIndexOf(' ', 200) : 200) + "…";
    }

    // ---------------------------------------------------------------- helpers

    /** How a member signs on the public board: first name and the initial of the last, never the full name. */
    static String publicName(Member m) {
        String first = m.firstName == null ? "" : m.firstName.strip();
        String last = m.lastName == null || m.lastName.isBlank() ? "" : " " + m.lastName.strip().charAt(0) + ".";
        String name = (first + last).strip();
        return name.isEmpty() ? "№ …" + m.cardNumber.substring(Math.max(0, m.cardNumber.length() - 4)) : name;
    }

    static String title(Object ru, Object en, Locale locale) {
        return locale != null && "en".equals(locale.getLanguage()) ? (String) en : (String) ru;
    }

    private static Long longOrNull(Object o) {
        return o == null ? null : ((Number) o).longValue();
    }
}
