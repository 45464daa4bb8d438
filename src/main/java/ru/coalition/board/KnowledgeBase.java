package ru.coalition.board;

import com.ibm.icu.text.Transliterator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.ProblemException;
import ru.coalition.platform.SqlValues;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The knowledge base: articles in the board's topics, written by support agents or made from an accepted answer.
 * Visitors see published articles; agents also see drafts. An article's address is its slug, made from its title
 * (transliterated) unless the agent names one.
 */
@ApplicationScoped
@Transactional
public class KnowledgeBase {

    private static final Transliterator RUSSIAN = Transliterator.getInstance("Russian-Latin/BGN");
    private static final Transliterator LATIN = Transliterator.getInstance("Any-Latin; Latin-ASCII; Lower");

    @Schema(name = "KbArticleSummary")
    public record Summary(String slug, String topic, String topicTitle, String title, boolean published, Instant updatedAt) {
    }

    @Schema(name = "KbArticle")
    public record Article(String slug, String topic, String topicTitle, String title,
                          @Schema(description = "The Markdown as written") String body,
                          @Schema(description = "The Markdown rendered to safe HTML") String html,
                          boolean published, @Schema(description = "The board answer it was made from, if any") UUID sourceAnswerId,
                          String updatedBy, Instant updatedAt) {
    }

    /** What an agent writes; a new article made from an answer names it. */
    public record Input(String title, String body, String topic, boolean published, String slug, UUID fromAnswer) {
    }

    @Schema(name = "KbDraft")
    public record Draft(String title, String body, String topic, UUID fromAnswer) {
    }

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    Board board;

    public List<Summary> list(String topic, boolean drafts, Locale locale) {
        Long topicId = topic == null || topic.isBlank() ? null : board.topicId(topic);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select a.slug, t.slug, t.title_ru, t.title_en, a.title, a.published, a.updated_at"
                        + " from kb_article a join board_topic t on t.id = a.topic_id"
                        + " where (a.published or :drafts) and (cast(:t as bigint) is null or a.topic_id = :t)"
                        + " order by t.position, a.title limit 500")
                .unwrap(org.hibernate.query.NativeQuery.class)
                .setParameter("drafts", drafts).setParameter("t", topicId, Long.class).getResultList();
        return rows.stream().map(r -> new Summary((String) r[0], (String) r[1], Board.title(r[2], r[3], locale), (String) r[4],
                (Boolean) r[5], SqlValues.toInstant(r[6]))).toList();
    }

    /** A published article (a draft too for staff); 404 otherwise. */
    public Article article(String slug, boolean drafts, Locale locale) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select a.slug, t.slug, t.title_ru, t.title_en, a.title, a.body, a.html, a.published,"
                        + " s.public_id, a.updated_by, a.updated_at from kb_article a join board_topic t on t.id = a.topic_id"
                        + " left join board_post s on s.id = a.source_answer_id where a.slug = :s")
                .setParameter("s", slug == null ? "" : slug).getResultList();
        if (rows.isEmpty() || (!(Boolean) rows.get(0)[7] && !drafts)) {
            throw new ProblemException(ErrorCode.BOARD_ARTICLE_NOT_FOUND);
        }
        Object[] r = rows.get(0);
        return new Article((String) r[0], (String) r[1], Board.title(r[2], r[3], locale), (String) r[4], (String) r[5], (String) r[6],
                (Boolean) r[7], (UUID) r[8], (String) r[9], SqlValues.toInstant(r[10]));
    }

    /** The editor's starting point for an article made from an answer: the question's title and topic, the answer's text. */
    public Draft draftFrom(UUID answerId) {
        Board.AnswerSource source = board.answerSource(answerId);
        return new Draft(source.title(), source.body(), source.topic(), answerId);
    }

    /** A new article; its slug is the one given or made from the title, and must be free. */
    public Article create(Input in, String agent, Locale locale) {
        long topicId = board.topicId(in.topic());
        Long sourceId = in.fromAnswer() == null ? null : board.answerSource(in.fromAnswer()).answerId();
        String slug = in.slug() == null || in.slug().isBlank() ? freeSlug(slugOf(in.title())) : in.slug().strip();
        Instant now = clock.instant();
        int added = em.createNativeQuery("insert into kb_article (slug, topic_id, title, body, html, published, source_answer_id,"
                        + " created_by, created_at, updated_by, updated_at) values (:s, :t, :title, :b, :h, :p, :src, :a, :at, :a, :at)"
                        + " on conflict (slug) do nothing")
                .unwrap(org.hibernate.query.NativeQuery.class)
                .setParameter("s", slug).setParameter("t", topicId).setParameter("title", in.title().strip())
                .setParameter("b", in.body().strip()).setParameter("h", Markdown.html(in.body().strip())).setParameter("p", in.published())
                .setParameter("src", sourceId, Long.class).setParameter("a", agent).setParameter("at", now).executeUpdate();
        if (added == 0) {
            throw new ProblemException(ErrorCode.BOARD_SLUG_TAKEN, slug);
        }
        return article(slug, true, locale);
    }

    /** Changes an article's title, text, topic or whether it is published; its address stays. */
    public Article update(String slug, Input in, String agent, Locale locale) {
        long topicId = board.topicId(in.topic());
        int changed = em.createNativeQuery("update kb_article set topic_id = :t, title = :title, body = :b, html = :h, published = :p,"
                        + " updated_by = :a, updated_at = :at where slug = :s")
                .setParameter("s", slug == null ? "" : slug).setParameter("t", topicId).setParameter("title", in.title().strip())
                .setParameter("b", in.body().strip()).setParameter("h", Markdown.html(in.body().strip())).setParameter("p", in.published())
                .setParameter("a", agent).setParameter("at", clock.instant()).executeUpdate();
        if (changed == 0) {
            throw new ProblemException(ErrorCode.BOARD_ARTICLE_NOT_FOUND);
        }
        return article(slug, true, locale);
    }

    /** «Как начисляются баллы?» → kak-nachislyayutsya-bally (at most 70 characters). */
    static String slugOf(String title) {
        // BGN marks «тс» as t·s and the soft and hard signs with primes: an address needs none of them
        String bgn = RUSSIAN.transliterate(title == null ? "" : title).replaceAll("[\u00B7\u02B9\u02BA'’\"]", "");
        String s = LATIN.transliterate(bgn).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (s.length() > 70) {
            s = s.substring(0, 70).replaceAll("-+$", "");
        }
        return s.isEmpty() ? "article" : s;
    }

    private String freeSlug(String base) {
        @SuppressWarnings("unchecked")
        List<String> taken = em.createNativeQuery("select slug from kb_article where slug = :b or slug like :p")
                .setParameter("b", base).setParameter("p", base + "-%").getResultList();
        if (!taken.contains(base)) {
            return base;
        }
        int n = 2;
        while (taken.contains(base + "-" + n)) {
            n++;
        }
        return base + "-" + n;
    }
}
