package ru.coalition.support;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.List;

/**
 * Finding tickets by what people remember (issue 11 §5): the number, or words of the subject or of any message. Words
 * match in any grammatical form (PostgreSQL full-text search with the russian configuration: «начислили» finds
 * «начисление»), and a subject still matches with a typo (trigram word similarity). Best matches first, then newest.
 */
@ApplicationScoped
@Transactional
public class TicketSearch {

    /** How close a typed word must be to a word of the subject (pg_trgm's word_similarity, 0 to 1). */
    static final double TYPO_SIMILARITY = 0.5;

    static final int LIMIT = 100;

    @Inject
    EntityManager em;

    public List<Tickets.Queued> find(String typed) {
        String q = typed == null ? "" : typed.trim();
        if (q.isEmpty() || q.length() > 200) {
            return List.of();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(Tickets.QUEUED
                        + ", websearch_to_tsquery('russian', :q) query"
                        + " where t.number = upper(:q) or t.search @@ query or word_similarity(:q, t.subject) >= :sim"
                        + " or exists (select 1 from support_message m where m.ticket_id = t.id and m.search @@ query)"
                        + " order by (t.number = upper(:q)) desc, ts_rank(t.search, query) + word_similarity(:q, t.subject) desc, t.id desc"
                        + " limit " + LIMIT)
                .setParameter("q", q).setParameter("sim", TYPO_SIMILARITY).getResultList();
        return rows.stream().map(Tickets::queuedOf).toList();
    }
}
