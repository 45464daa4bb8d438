package ru.coalition.support;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import ru.coalition.platform.ContentTypes;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.Hashes;
import ru.coalition.platform.ProblemException;
import ru.coalition.platform.SqlValues;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Files attached to a ticket (issue 11 §1): images and PDFs only, as their bytes say; size- and count-limited. Who may
 * read a ticket's files is decided by the page asking (the member's own ticket, staff, the partner it is routed to);
 * this class is told the ticket and whether internal files are shown.
 */
@ApplicationScoped
@Transactional
public class Attachments {

    /** Read by the ticketFiles tag too, whose parameters carry no type: the template data is declared. */
    @io.quarkus.qute.TemplateData
    public record Attachment(long id, String fileName, String contentType, int sizeBytes, String authorKind, String author,
                             boolean internal, Instant at) {
    }

    public record Content(String fileName, String contentType, byte[] bytes) {
    }

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    Tickets tickets;

    @Inject
    AttachmentSettings settings;

    /** Attaches a file to a ticket (row id); refuses what is not an image or a PDF, too large, or one too many. */
    public Attachment attach(java.util.UUID ticketId, String authorKind, String author, String fileName, byte[] bytes, boolean internal) {
        if (bytes == null || bytes.length == 0 || bytes.length > settings.maxBytes()) {
            throw new ProblemException(ErrorCode.ATTACHMENT_TOO_LARGE, settings.maxBytes() / (1024 * 1024));
        }
        String type = ContentTypes.sniff(bytes).orElseThrow(() -> new ProblemException(ErrorCode.ATTACHMENT_TYPE));
        long ticketRow = ((Number) tickets.ticket(ticketId, true)[0]).longValue();
        long count = ((Number) em.createNativeQuery("select count(*) from support_attachment where ticket_id = :t")
                .setParameter("t", ticketRow).getSingleResult()).longValue();
        if (count >= settings.perTicket()) {
            throw new ProblemException(ErrorCode.ATTACHMENT_TOO_MANY, settings.perTicket());
        }
        String name = ContentTypes.fileName(fileName, type);
        Instant now = clock.instant();
        long id = ((Number) em.createNativeQuery("insert into support_attachment (ticket_id, file_name, content_type, size_bytes, bytes,"
                        + " sha256, author_kind, author, internal, created_at) values (:t, :n, :c, :s, :b, :h, :k, :a, :i, :at) returning id")
                .setParameter("t", ticketRow).setParameter("n", name).setParameter("c", type).setParameter("s", bytes.length)
                .setParameter("b", bytes).setParameter("h", Hashes.sha256Hex(bytes)).setParameter("k", authorKind)
                .setParameter("a", author).setParameter("i", internal).setParameter("at", now).getSingleResult()).longValue();
        em.createNativeQuery("update support_ticket set updated_at = :t where id = :id").setParameter("t", now).setParameter("id", ticketRow)
                .executeUpdate();
        tickets.event(ticketRow, author, "attached", name, now);
        return new Attachment(id, name, type, bytes.length, authorKind, author, internal, now);
    }

    public List<Attachment> of(java.util.UUID ticketId, boolean withInternal) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select id, file_name, content_type, size_bytes, author_kind, author, internal, created_at"
                        + " from support_attachment where ticket_id = (select id from support_ticket where public_id = :t)"
                        + (withInternal ? "" : " and not internal") + " order by id")
                .setParameter("t", ticketId).getResultList();
        return rows.stream().map(r -> new Attachment(((Number) r[0]).longValue(), (String) r[1], (String) r[2], ((Number) r[3]).intValue(),
                (String) r[4], (String) r[5], (Boolean) r[6], SqlValues.toInstant(r[7]))).toList();
    }

    /** One file of the ticket; another ticket's file, or an internal one when internal files are not shown, is 404. */
    public Content content(java.util.UUID ticketId, long attachmentId, boolean withInternal) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select file_name, content_type, bytes from support_attachment"
                        + " where id = :id and ticket_id = (select id from support_ticket where public_id = :t)" + (withInternal ? "" : " and not internal"))
                .setParameter("id", attachmentId).setParameter("t", ticketId).getResultList();
        if (rows.isEmpty()) {
            throw new ProblemException(ErrorCode.ATTACHMENT_NOT_FOUND);
        }
        Object[] r = rows.get(0);
        return new Content((String) r[0], (String) r[1], (byte[]) r[2]);
    }
}
