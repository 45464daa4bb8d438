package ru.coalition.support;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import ru.coalition.members.Member;
import ru.coalition.members.MemberService;
import ru.coalition.members.ServiceNotices;
import ru.coalition.platform.CoalitionConfig;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.Messages;
import ru.coalition.platform.ProblemException;
import ru.coalition.platform.Texts;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The member's satisfaction survey (CSAT, issue 11 §7): when a ticket is solved, a member with an e-mail gets one
 * question in their language, with five signed links (1–5) to a page where they confirm the score and may add a
 * comment. No sign-in is needed. The answer is the ticket's one rating, the same one the cabinet gives: whichever comes
 * second is refused.
 */
@ApplicationScoped
@Transactional
public class Satisfaction {

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    RatingLinks links;

    @Inject
    SatisfactionConfig config;

    @Inject
    CoalitionConfig coalition;

    @Inject
    MemberService members;

    @Inject
    ServiceNotices notices;

    @Inject
    @Location("kpi/survey-email.html")
    Template surveyEmail;

    /** A ticket as its rating page shows it: score is the rating given, if any; rateable while solved and unrated. */
    public record Survey(UUID ticketId, String number, String subject, Integer score, boolean solved) {
        public boolean rateable() {
            return solved && score == null;
        }
    }

    /**
     * Mails the survey for a ticket just solved (Tickets.solve calls it): only to a member with an e-mail, and not
     * when the ticket is already rated (solved again after a reopening).
     */
    void ask(long ticketId, Instant solvedAt) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select t.public_id, t.number, t.subject, t.member_id,"
                        + " exists (select 1 from support_rating r where r.ticket_id = t.id) from support_ticket t where t.id = :id")
                .setParameter("id", ticketId).getResultList();
        if (rows.isEmpty() || rows.get(0)[3] == null || Boolean.TRUE.equals(rows.get(0)[4])) {
            return;
        }
        Object[] t = rows.get(0);
        Member m = members.byId(((Number) t[3]).longValue()).orElse(null);
        if (m == null || m.deletedAt != null || m.email == null || m.email.isBlank()) {
            return;
        }
        Locale locale = "en".equals(m.language) ? Locale.ENGLISH : Texts.RUSSIAN;
        String lang = locale.getLanguage();
        String link = coalition.publicUrl() + "/support/rate/" + links.issue((UUID) t[0], solvedAt.plus(config.linkValid()));
        String html = surveyEmail.instance().setLocale(locale).data("language", lang).data("firstName", m.firstName)
                .data("number", t[1]).data("subject", t[2]).data("link", link).render();
        notices.email(m, "support.survey", Messages.kpi(locale).surveyMailSubject((String) t[1]), html);
    }

    /** What a rating link shows; a forged, damaged or expired link is refused. */
    public Survey survey(String token) {
        UUID ticketId = links.verify(token, clock.instant()).ticketId();
        Object[] t = ticket(ticketId, false);
        return survey(ticketId, t);
    }

    /** The answer by link: the ticket's one rating, whichever way it comes. */
    public Survey rate(String token, int score, String comment) {
        UUID ticketId = links.verify(token, clock.instant()).ticketId();
        Object[] t = ticket(ticketId, true);
        long id = ((Number) t[0]).longValue();
        String state = (String) t[3];
        if (!"SOLVED".equals(state) && !"CLOSED".equals(state)) {
            throw new ProblemException(ErrorCode.TICKET_NOT_SOLVED);
        }
        Instant now = clock.instant();
        int rated = em.createNativeQuery("insert into support_rating (ticket_id, score, comment, at) values (:t, :s, :c, :at)"
                        + " on conflict (ticket_id) do nothing")
                .unwrap(org.hibernate.query.NativeQuery.class)
                .setParameter("t", id).setParameter("s", score)
                .setParameter("c", comment == null || comment.isBlank() ? null : comment.trim(), String.class)
                .setParameter("at", now).executeUpdate();
        if (rated == 0) {
            throw new ProblemException(ErrorCode.TICKET_RATED);
        }
        em.createNativeQuery("insert into support_event (ticket_id, actor, action, detail, at) values (:t, :a, 'rated', :d, :at)")
                .setParameter("t", id).setParameter("a", actor(t[5])).setParameter("d", String.valueOf(score))
                .setParameter("at", now).executeUpdate();
        return new Survey(ticketId, (String) t[1], (String) t[2], score, true);
    }

    private Survey survey(UUID ticketId, Object[] t) {
        String state = (String) t[3];
        return new Survey(ticketId, (String) t[1], (String) t[2], t[4] == null ? null : ((Number) t[4]).intValue(),
                "SOLVED".equals(state) || "CLOSED".equals(state));
    }

    /** id, number, subject, state, score, member_id; a link to a ticket that is gone is as good as a forged one. */
    private Object[] ticket(UUID ticketId, boolean lock) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select t.id, t.number, t.subject, t.state,"
                        + " (select r.score from support_rating r where r.ticket_id = t.id), t.member_id from support_ticket t"
                        + " where t.public_id = :pub" + (lock ? " for update of t" : ""))
                .setParameter("pub", ticketId).getResultList();
        if (rows.isEmpty()) {
            throw new ProblemException(ErrorCode.RATING_LINK_INVALID);
        }
        return rows.get(0);
    }

    /** Who rated, as the ticket's history names them: the member, as the desk knows them. */
    private String actor(Object memberId) {
        Member m = memberId == null ? null : members.byId(((Number) memberId).longValue()).orElse(null);
        if (m == null) {
            return "—";
        }
        String n = ((m.firstName == null ? "" : m.firstName) + " " + (m.lastName == null ? "" : m.lastName)).trim();
        return n.isEmpty() ? m.cardNumber : n;
    }
}
