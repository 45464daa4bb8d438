package ru.coalition.mailings;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import ru.coalition.members.MemberService;
import ru.coalition.platform.SqlValues;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Bounces of mailings (issue 12 §6): each bounced recipient of a notice (a DSN from the bounce mailbox, or an ESP's
 * webhook call) is recorded once in {@code mail_bounce} (append-only), with the campaign and member its original
 * Message-ID names; then {@link Suppressions} decides whether the address is suppressed. The sending engine reads
 * {@link #countByCampaign} for a campaign's figures.
 */
@ApplicationScoped
@Transactional
public class Bounces {

    private static final Pattern ADDRESS = Pattern.compile("[^@\\s<>\"(),;:\\[\\]\\\\]{1,64}@[a-z0-9.\\-\\p{L}]{1,253}\\.[a-z0-9\\-\\p{L}]{1,63}",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    /** A hard bounce (5.x.x: the address does not take mail), a soft one (4.x.x: not now), or a spam complaint. */
    public enum Kind { HARD, SOFT, COMPLAINT }

    /** Where a notice came from. */
    public enum Source { IMAP, WEBHOOK }

    /**
     * One bounced recipient of one notice. reportId identifies the notice (the DSN's Message-ID, or the ESP's event
     * id): the same notice recorded again makes no second row. campaignId and memberId may be null.
     */
    public record Notice(Source source, String reportId, String address, Kind kind, String statusCode, String diagnostic,
                         Long campaignId, Long memberId) {
    }

    /** Whether the notice made a row (false: it was recorded before), and whether the address is suppressed now. */
    public record Recorded(boolean recorded, boolean suppressed) {
    }

    /**
     * A campaign's bounced recipients: hard counts the addresses with a hard bounce (or a complaint), soft those with
     * only soft ones, so hard + soft is the number of addresses that bounced.
     */
    public record Counts(long hard, long soft) {
    }

    /** A recorded bounce, as the console lists it. */
    public record Row(long id, String address, Kind kind, String statusCode, String diagnostic, Long campaignId, Long memberId,
                      Source source, Instant receivedAt) {
    }

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    MemberService members;

    @Inject
    Suppressions suppressions;

    /** Whether a string is an e-mail address as bounces carry them (lower case or not). */
    public static boolean isAddress(String s) {
        return s != null && s.length() <= 254 && ADDRESS.matcher(s).matches();
    }

    /** Records one bounced recipient, once per notice, and suppresses the address when the rules say so. */
    public Recorded record(Notice n) {
        String address = n.address() == null ? null : n.address().strip().toLowerCase(Locale.ROOT);
        if (!isAddress(address)) {
            throw new IllegalArgumentException("not an e-mail address: " + n.address());
        }
        Long memberId = n.memberId();
        if (memberId == null) {
            // a notice without our Message-ID: the member is the one with that address, if any
            memberId = members.byEmail(address).map(m -> m.id).orElse(null);
        }
        Instant now = clock.instant();
        List<?> ids = em.createNativeQuery("insert into mail_bounce (address, kind, status_code, diagnostic, campaign_id, member_id,"
                        + " source, report_id, received_at) values (:a, :k, :s, :d, :c, :m, :src, :r, :now)"
                        + " on conflict (source, report_id, address) do nothing returning id")
                .unwrap(org.hibernate.query.NativeQuery.class)
                .setParameter("a", address).setParameter("k", n.kind().name())
                .setParameter("s", cut(n.statusCode(), 16), String.class).setParameter("d", cut(n.diagnostic(), 1000), String.class)
                .setParameter("c", n.campaignId(), Long.class).setParameter("m", memberId, Long.class)
                .setParameter("src", n.source().name()).setParameter("r", cut(n.reportId(), 998)).setParameter("now", now)
                .getResultList();
        if (ids.isEmpty()) {
            return new Recorded(false, suppressions.isSuppressed(address));
        }
        long id = ((Number) ids.get(0)).longValue();
        return new Recorded(true, suppressions.afterBounce(address, n.kind(), id, now));
    }

    /** Records the bounced recipients of one notice in one transaction; how many rows were new. */
    public int recordAll(List<Notice> notices) {
        int n = 0;
        for (Notice notice : notices) {
            if (record(notice).recorded()) {
                n++;
            }
        }
        return n;
    }

    /** How many of a campaign's recipients bounced, hard and soft (one query). */
    public Counts countByCampaign(long campaignId) {
        Object[] row = (Object[]) em.createNativeQuery("select count(*) filter (where hard), count(*) filter (where not hard) from ("
                        + " select address, bool_or(kind <> 'SOFT') as hard from mail_bounce where campaign_id = :c group by address) b")
                .setParameter("c", campaignId).getSingleResult();
        return new Counts(((Number) row[0]).longValue(), ((Number) row[1]).longValue());
    }

    /** The newest bounces, of addresses containing the search text when one is given. */
    public List<Row> recent(String search, int limit) {
        String q = search == null ? "" : search.strip().toLowerCase(Locale.ROOT);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select id, address, kind, status_code, diagnostic, campaign_id, member_id, source,"
                        + " received_at from mail_bounce where (:q = '' or address like :like escape '\\')"
                        + " order by received_at desc, id desc limit :n")
                .setParameter("q", q).setParameter("like", "%" + Suppressions.likeEscaped(q) + "%").setParameter("n", limit)
                .getResultList();
        return rows.stream().map(r -> new Row(((Number) r[0]).longValue(), (String) r[1], Kind.valueOf((String) r[2]), (String) r[3],
                (String) r[4], r[5] == null ? null : ((Number) r[5]).longValue(), r[6] == null ? null : ((Number) r[6]).longValue(),
                Source.valueOf((String) r[7]), SqlValues.toInstant(r[8]))).toList();
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
