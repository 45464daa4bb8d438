package ru.coalition.support;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.ProblemException;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Canned answers (issue 11 §5). An agent picks one on the ticket page; its placeholders are filled there and the agent
 * may still edit the text before sending it.
 */
@ApplicationScoped
@Transactional
public class Macros {

    /** What a macro may say, and what each stands for. */
    public static final List<String> PLACEHOLDERS = List.of("{{member.name}}", "{{ticket.number}}", "{{agent.name}}");

    public record Macro(long id, String title, String body, String category, boolean active) {
    }

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    /** Active macros for a ticket's category (and those for any category), by title. */
    public List<Macro> forCategory(String category) {
        return list(" where active and (category is null or category = :c)", Map.of("c", category == null ? "" : category));
    }

    public List<Macro> all() {
        return list("", Map.of());
    }

    public Macro get(long id) {
        List<Macro> found = list(" where id = :id", Map.of("id", id));
        if (found.isEmpty()) {
            throw new ProblemException(ErrorCode.NOT_FOUND);
        }
        return found.get(0);
    }

    /** A new macro (id null) or a changed one. */
    public long save(Long id, String title, String body, String category, boolean active, String by) {
        String cat = category == null || category.isBlank() ? null : category;
        var q = em.createNativeQuery(id == null
                        ? "insert into support_macro (title, body, category, active, updated_by, updated_at) values (:ti, :b, :c, :a, :by, :t)"
                          + " on conflict (title) do nothing returning id"
                        : "update support_macro set title = :ti, body = :b, category = :c, active = :a, updated_by = :by, updated_at = :t"
                          + " where id = :id and not exists (select 1 from support_macro o where o.title = :ti and o.id <> :id) returning id")
                .unwrap(org.hibernate.query.NativeQuery.class)
                .setParameter("ti", title.trim()).setParameter("b", body.trim()).setParameter("c", cat, String.class)
                .setParameter("a", active).setParameter("by", by).setParameter("t", clock.instant());
        if (id != null) {
            q.setParameter("id", id);
        }
        @SuppressWarnings("unchecked")
        List<Object> ids = q.getResultList();
        if (ids.isEmpty()) {
            if (id != null && list(" where id = :id", Map.of("id", id)).isEmpty()) {
                throw new ProblemException(ErrorCode.NOT_FOUND);
            }
            throw new ProblemException(ErrorCode.MACRO_TITLE_TAKEN, title.trim());
        }
        return ((Number) ids.get(0)).longValue();
    }

    /** The macro's text with its placeholders filled; an unknown value leaves an empty place, never the placeholder. */
    public static String fill(String body, String memberName, String ticketNumber, String agentName) {
        return body.replace("{{member.name}}", memberName == null ? "" : memberName)
                .replace("{{ticket.number}}", ticketNumber == null ? "" : ticketNumber)
                .replace("{{agent.name}}", agentName == null ? "" : agentName);
    }

    private List<Macro> list(String where, Map<String, Object> params) {
        var q = em.createNativeQuery("select id, title, body, category, active from support_macro" + where + " order by title");
        params.forEach(q::setParameter);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = q.getResultList();
        return rows.stream().map(r -> new Macro(((Number) r[0]).longValue(), (String) r[1], (String) r[2], (String) r[3], (Boolean) r[4])).toList();
    }
}
