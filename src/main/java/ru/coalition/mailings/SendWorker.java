package ru.coalition.mailings;

import io.agroal.api.AgroalDataSource;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.mailer.MailerName;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;
import ru.coalition.members.Consent;
import ru.coalition.members.MemberConsents;
import ru.coalition.messaging.SmsGatewayClient;
import ru.coalition.platform.CoalitionConfig;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The workers of one replica (issue 12 §5). Each second, {@code threads} workers take turns over the campaigns being
 * sent: a worker takes tokens of the channel's global rate, claims that many due rows with FOR UPDATE SKIP LOCKED,
 * re-reads their consents and contacts, skips whom it must (no consent, no address, suppressed, over the frequency
 * cap), moves SMS in quiet hours to the morning, and marks the rest as its own (a Message-ID and a lease) in the same
 * short transaction; then sends them one by one and confirms each as SENT the moment the server accepted it. Before
 * every message it looks at the campaign's status (read at most half a second ago), so a pause or a cancel stops it.
 */
@ApplicationScoped
public class SendWorker {

    private static final Logger LOG = Logger.getLogger(SendWorker.class);
    private static final int CAP_LOCK_SPACE = 1936024167; // "send" in ASCII: the advisory locks of the frequency cap
    private static final String UNSUBSCRIBE_PLACEHOLDER = "https://unsubscribe.invalid/placeholder";
    private static final Duration STATUS_FRESH = Duration.ofMillis(500);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A claimed row on its way out. */
    record Item(long memberId, String address, String messageId, String firstName, String language, int attempts) {
    }

    record Claim(int claimed, List<Item> items) {
    }

    private record Seen(Campaign.Status status, long at) {
    }

    @Inject
    SendingConfig config;

    @Inject
    CoalitionConfig coalition;

    @Inject
    EntityManager em;

    @Inject
    AgroalDataSource db;

    @Inject
    Clock clock;

    @Inject
    MemberConsents consents;

    @Inject
    SendingSeams seams;

    @Inject
    SendRate rate;

    @Inject
    Tracking tracking;

    @Inject
    CampaignRenderer renderer;

    @Inject
    UnsubscribeLinks unsubscribe;

    @Inject
    SmsOptOut optOut;

    @Inject
    @MailerName("bulk")
    Mailer mailer;

    @Inject
    @RestClient
    SmsGatewayClient sms;

    private final Map<Long, Seen> statuses = new ConcurrentHashMap<>();
    private final Map<String, CampaignRenderer.Rendered> rendered = new ConcurrentHashMap<>();
    private volatile ExecutorService pool;

    @PreDestroy
    void stop() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    @Scheduled(identity = "campaign-send", every = "${coalition.sending.every}", delayed = "${coalition.jobs.delay}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() throws InterruptedException {
        if (!config.workers()) {
            return;
        }
        if (pool == null) {
            AtomicInteger n = new AtomicInteger();
            pool = Executors.newFixedThreadPool(config.threads(), r -> {
                Thread t = new Thread(r, "campaign-sender-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < config.threads(); i++) {
            running.add(pool.submit(this::work));
        }
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (ExecutionException e) {
                LOG.warnf(e.getCause(), "A campaign sender stopped: %s", e.getCause().getMessage());
            }
        }
    }

    /** Sends batches of every active campaign in turn until none has a due row left. */
    void work() {
        try {
            while (true) {
                List<Long> active = QuarkusTransaction.requiringNew().call(this::activeCampaigns);
                int claimed = 0;
                for (Long id : active) {
                    claimed += batch(id);
                }
                if (claimed == 0) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    List<Long> activeCampaigns() {
        Instant now = clock.instant();
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery("select c.id from campaign c where c.status = 'SENDING' and exists ("
                        + " select 1 from campaign_recipient r where r.campaign_id = c.id and r.status = 'QUEUED'"
                        + " and r.next_attempt_at <= :now and (r.claimed_until is null or r.claimed_until < :now)) order by c.id")
                .setParameter("now", now).getResultList();
        return ids.stream().map(Number::longValue).toList();
    }

    /** One batch of one campaign; how many rows it claimed. */
    int batch(long campaignId) throws InterruptedException {
        Campaign c = QuarkusTransaction.requiringNew().call(() -> {
            Campaign found = em.find(Campaign.class, campaignId);
            if (found != null) {
                em.detach(found);
            }
            return found;
        });
        if (c == null || c.status != Campaign.Status.SENDING) {
            return 0;
        }
        Consent.Channel channel = c.channel;
        int wanted = (int) Math.max(1, Math.min(config.batchSize(), Math.ceil(rate.perSecond(channel) / 10)));
        int tokens = rate.await(channel, wanted);
        long claimedAt = System.nanoTime();
        Claim claim;
        try {
            claim = QuarkusTransaction.requiringNew().call(() -> claim(c, tokens));
        } catch (RuntimeException e) {
            rate.giveBack(channel, tokens);
            throw e;
        }
        rate.giveBack(channel, tokens - claim.items().size());
        List<Item> items = claim.items();
        for (int i = 0; i < items.size(); i++) {
            Campaign.Status now = status(campaignId);
            // a slow server: the rest goes back before this claim's lease could run out and another worker take it
            boolean late = System.nanoTime() - claimedAt > config.claimFor().toNanos() / 2;
            if (now != Campaign.Status.SENDING || late) {
                letGo(campaignId, items.subList(i, items.size()), now == Campaign.Status.CANCELLED);
                rate.giveBack(channel, items.size() - i);
                break;
            }
            send(c, items.get(i));
        }
        return claim.claimed();
    }

    /** Claims up to {@code n} due rows, skips or defers whom it must, and takes the rest as this worker's. */
    Claim claim(Campaign c, int n) {
        Instant now = clock.instant();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select member_id, attempts, message_id from campaign_recipient"
                        + " where campaign_id = :c and status = 'QUEUED' and next_attempt_at <= :now"
                        + " and (claimed_until is null or claimed_until < :now)"
                        + " order by next_attempt_at, member_id limit :n for update skip locked")
                .setParameter("c", c.id).setParameter("now", now).setParameter("n", n).getResultList();
        if (rows.isEmpty()) {
            return new Claim(0, List.of());
        }
        // a pause or cancel committed before this claim is seen here; one committed after it, before each message
        String status = (String) em.createNativeQuery("select status from campaign where id = :c").setParameter("c", c.id).getSingleResult();
        if (!Campaign.Status.SENDING.name().equals(status)) {
            return new Claim(0, List.of());
        }
        Map<Long, Object[]> byMember = new LinkedHashMap<>();
        rows.forEach(r -> byMember.put(((Number) r[0]).longValue(), r));
        Map<Long, MemberConsents.Recipient> contacts = consents.recipients(byMember.keySet(), c.consentKind());
        Map<String, List<Long>> skipped = new HashMap<>();
        Map<Long, MemberConsents.Recipient> eligible = new LinkedHashMap<>();
        for (Long id : byMember.keySet()) {
            MemberConsents.Recipient r = contacts.get(id);
            String address = r == null ? null : c.channel == Consent.Channel.SMS ? r.phone() : r.email();
            if (r == null || address == null || address.isBlank()) {
                skipped.computeIfAbsent("no-address", k -> new ArrayList<>()).add(id);
            } else if (!r.granted()) {
                skipped.computeIfAbsent("no-consent", k -> new ArrayList<>()).add(id);
            } else {
                eligible.put(id, r);
            }
        }
        if (c.channel == Consent.Channel.EMAIL && !eligible.isEmpty()) {
            Set<String> suppressed = seams.suppressed(eligible.values().stream().map(MemberConsents.Recipient::email).toList());
            eligible.values().removeIf(r -> {
                if (suppressed.contains(r.email())) {
                    skipped.computeIfAbsent("suppressed", k -> new ArrayList<>()).add(r.memberId());
                    return true;
                }
                return false;
            });
        }
        Map<Long, Instant> deferred = new HashMap<>();
        if (c.channel == Consent.Channel.SMS) {
            QuietHours quiet = new QuietHours(config.quietFromHour(), config.quietToHour());
            eligible.values().removeIf(r -> {
                Instant allowed = quiet.allowedFrom(now, r.city());
                if (allowed.isAfter(now)) {
                    deferred.put(r.memberId(), allowed);
                    return true;
                }
                return false;
            });
        }
        if (config.capMessages() > 0 && !eligible.isEmpty()) {
            for (Long capped : capped(c.id, eligible.keySet(), now)) {
                eligible.remove(capped);
                skipped.computeIfAbsent("capped", k -> new ArrayList<>()).add(capped);
            }
        }
        skipped.forEach((reason, ids) -> em.createNativeQuery("update campaign_recipient set status = 'SKIPPED', skip_reason = :r,"
                        + " claimed_until = null where campaign_id = :c and member_id = any(cast(:ids as bigint[]))")
                .setParameter("r", reason).setParameter("c", c.id).setParameter("ids", ids.toArray(Long[]::new)).executeUpdate());
        deferred.forEach((id, at) -> em.createNativeQuery("update campaign_recipient set next_attempt_at = :at, claimed_until = null"
                        + " where campaign_id = :c and member_id = :m")
                .setParameter("at", at).setParameter("c", c.id).setParameter("m", id).executeUpdate());
        List<Item> items = new ArrayList<>();
        for (MemberConsents.Recipient r : eligible.values()) {
            Object[] row = byMember.get(r.memberId());
            String messageId = row[2] != null ? (String) row[2] : messageId(c.id, r.memberId());
            items.add(new Item(r.memberId(), c.channel == Consent.Channel.SMS ? r.phone() : r.email(), messageId, r.firstName(),
                    r.language(), ((Number) row[1]).intValue()));
        }
        if (!items.isEmpty()) {
            em.createNativeQuery("update campaign_recipient r set message_id = v.mid, address = v.addr, claimed_until = :until"
                            + " from unnest(cast(:ids as bigint[]), cast(:mids as text[]), cast(:addrs as text[])) as v(id, mid, addr)"
                            + " where r.campaign_id = :c and r.member_id = v.id")
                    .setParameter("until", now.plus(config.claimFor())).setParameter("c", c.id)
                    .setParameter("ids", items.stream().map(Item::memberId).toArray(Long[]::new))
                    .setParameter("mids", items.stream().map(Item::messageId).toArray(String[]::new))
                    .setParameter("addrs", items.stream().map(Item::address).toArray(String[]::new))
                    .executeUpdate();
        }
        return new Claim(rows.size(), items);
    }

    /**
     * The members among these who already had their share of marketing messages within the window, counting those
     * another worker holds right now. Each member's count is taken under a per-member advisory lock held to the end
     * of this transaction, in which the rows to send are marked: two campaigns sending to one member at once count
     * each other.
     */
    List<Long> capped(long campaignId, Collection<Long> memberIds, Instant now) {
        Long[] ids = memberIds.stream().sorted().toArray(Long[]::new);
        em.createNativeQuery("select count(*) from (select pg_advisory_xact_lock(" + CAP_LOCK_SPACE + ", cast(mod(k, 2147483647) as int))"
                        + " from (select k from unnest(cast(:ids as bigint[])) as k order by k) o) l")
                .setParameter("ids", ids).getSingleResult();
        @SuppressWarnings("unchecked")
        List<Object[]> counts = em.createNativeQuery("select member_id, count(*) from campaign_recipient"
                        + " where member_id = any(cast(:ids as bigint[])) and campaign_id <> :c"
                        + " and ((status = 'SENT' and sent_at > :since) or (status = 'QUEUED' and message_id is not null))"
                        + " group by member_id")
                .setParameter("ids", ids).setParameter("c", campaignId).setParameter("since", now.minus(config.capWindow()))
                .getResultList();
        List<Long> out = new ArrayList<>();
        for (Object[] r : counts) {
            if (((Number) r[1]).intValue() >= config.capMessages()) {
                out.add(((Number) r[0]).longValue());
            }
        }
        return out;
    }

    private void send(Campaign c, Item it) {
        try {
            if (c.channel == Consent.Channel.EMAIL) {
                mailer.send(mail(c, it));
            } else {
                String text = optOut.withFooter(content(c, it).text().strip(), it.language());
                sms.send("Bearer " + coalition.sms().apiKey().orElse(""),
                        new SmsGatewayClient.SmsRequest(it.address(), text, coalition.sms().sender()));
            }
        } catch (RuntimeException e) {
            failed(c.id, it, e);
            return;
        }
        update("update campaign_recipient set status = 'SENT', sent_at = ?, attempts = attempts + 1, claimed_until = null,"
                + " last_error = null where campaign_id = ? and member_id = ? and message_id = ?", c.id, it, Timestamp.from(clock.instant()));
    }

    /** The member's mail: the campaign rendered for them, tracked as the campaign asks, with the headers of issue 12. */
    Mail mail(Campaign c, Item it) {
        String token = unsubscribe.token(it.memberId(), c.id, c.consentKind());
        CampaignRenderer.Rendered r = content(c, it);
        String html = tracking.instrument(c, it.memberId(), r.html().replace(UNSUBSCRIBE_PLACEHOLDER, unsubscribe.url(token)));
        Mail mail = Mail.withHtml(it.address(), r.subject(), html).setText(r.text());
        unsubscribe.headers(it.memberId(), c.id, c.consentKind()).forEach(mail::addHeader);
        mail.addHeader("Message-ID", it.messageId());
        mail.addHeader("X-Coalition-Campaign", String.valueOf(c.id));
        config.bounceAddress().ifPresent(mail::setBounceAddress);
        return mail;
    }

    /** The campaign rendered for a first name (cached: a campaign's readers share a few hundred first names). */
    private CampaignRenderer.Rendered content(Campaign c, Item it) {
        String lang = "en".equals(it.language()) ? "en" : "ru";
        String name = it.firstName() == null ? "" : it.firstName();
        if (rendered.size() > 20_000) {
            rendered.clear();
        }
        return rendered.computeIfAbsent(c.id + "/" + c.version + "/" + lang + "/" + name,
                k -> renderer.render(c, new CampaignRenderer.Reader(name, UNSUBSCRIBE_PLACEHOLDER), lang));
    }

    private void failed(long campaignId, Item it, RuntimeException e) {
        int attempts = it.attempts() + 1;
        String error = String.valueOf(e.getMessage());
        error = error.length() > 1000 ? error.substring(0, 1000) : error;
        if (attempts >= config.maxAttempts()) {
            LOG.warnf("Campaign %d: member %d failed after %d attempts: %s", campaignId, it.memberId(), attempts, error);
            update("update campaign_recipient set status = 'FAILED', attempts = ?, last_error = ?, claimed_until = null"
                    + " where campaign_id = ? and member_id = ? and message_id = ?", campaignId, it, attempts, error);
        } else {
            Instant next = clock.instant().plus(Duration.ofSeconds(30L << Math.min(attempts - 1, 10)));
            LOG.infof("Campaign %d: member %d failed (attempt %d), again at %s: %s", campaignId, it.memberId(), attempts, next, error);
            update("update campaign_recipient set attempts = ?, last_error = ?, next_attempt_at = ?, claimed_until = null"
                    + " where campaign_id = ? and member_id = ? and message_id = ?", campaignId, it, attempts, error, Timestamp.from(next));
        }
    }

    /** The rows a worker holds when its campaign was paused (released) or cancelled (skipped). */
    private void letGo(long campaignId, List<Item> rest, boolean cancelled) {
        for (Item it : rest) {
            update(cancelled ? "update campaign_recipient set status = 'SKIPPED', skip_reason = 'cancelled', claimed_until = null"
                    + " where campaign_id = ? and member_id = ? and message_id = ? and status = 'QUEUED'"
                    : "update campaign_recipient set claimed_until = null where campaign_id = ? and member_id = ? and message_id = ?",
                    campaignId, it);
        }
    }

    /** One row's change in its own short transaction (autocommit): the confirmation of a send must not wait for others. */
    private void update(String sql, long campaignId, Item it, Object... leading) {
        try (Connection conn = db.getConnection(); PreparedStatement s = conn.prepareStatement(sql)) {
            int i = 1;
            for (Object o : leading) {
                s.setObject(i++, o);
            }
            s.setLong(i++, campaignId);
            s.setLong(i++, it.memberId());
            s.setString(i, it.messageId());
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("campaign " + campaignId + ", member " + it.memberId() + ": " + e.getMessage(), e);
        }
    }

    /** The campaign's status, read at most half a second ago by any worker of this replica. */
    Campaign.Status status(long campaignId) {
        long nowNanos = System.nanoTime();
        Seen seen = statuses.get(campaignId);
        if (seen == null || nowNanos - seen.at() > STATUS_FRESH.toNanos()) {
            String s = QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery("select status from campaign where id = :c")
                    .setParameter("c", campaignId).getSingleResult());
            seen = new Seen(Campaign.Status.valueOf(s), nowNanos);
            statuses.put(campaignId, seen);
        }
        return seen.status();
    }

    String messageId(long campaignId, long memberId) {
        return "<c" + campaignId + ".m" + memberId + "." + Long.toString(RANDOM.nextLong() & Long.MAX_VALUE, 36) + "@" + config.mailDomain() + ">";
    }
}
