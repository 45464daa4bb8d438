package ru.coalition.mailings;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.ProblemException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A campaign's figures (issue 12 §6): progress, outcomes, bounces, unsubscribes, opens and clicks, over time. */
@ApplicationScoped
@Transactional
public class CampaignStats {

    @Schema(name = "CampaignStatsPoint", description = "One interval of the time series")
    public record Point(@Schema(description = "Start of the interval") Instant at, long sent, long opened, long clicked) {
    }

    @Schema(name = "CampaignStats", description = "A campaign's figures; counts only, never who")
    public record Stats(long campaignId,
                        @Schema(description = "The campaign's state, e.g. SENDING") String status,
                        @Schema(description = "Members the campaign was resolved to when it started") long recipients,
                        @Schema(description = "Still to be sent") long queued,
                        long sent,
                        @Schema(description = "Not sent, by reason: no-consent, no-address, suppressed, capped, cancelled") Map<String, Long> skipped,
                        @Schema(description = "Given up after the last attempt") long failed,
                        @Schema(description = "Addresses that bounced hard") long bouncedHard,
                        @Schema(description = "Addresses that bounced soft only") long bouncedSoft,
                        @Schema(description = "Recipients who unsubscribed through this campaign's link") long unsubscribed,
                        @Schema(description = "Recipients who opened it (a tracking pixel loaded)") long opened,
                        @Schema(description = "Openings in all") long openedTotal,
                        @Schema(description = "Recipients who clicked a link") long clicked,
                        @Schema(description = "Clicks in all") long clickedTotal,
                        @Schema(description = "Minutes per interval of the series: 10 or 60") int intervalMinutes,
                        List<Point> series) {

        public long skippedTotal() {
            return skipped.values().stream().mapToLong(Long::longValue).sum();
        }

        /** How much of the campaign is done (sent, skipped or failed), in per cent. */
        public int donePercent() {
            return recipients == 0 ? 0 : (int) Math.min(100, (recipients - queued) * 100 / recipients);
        }

        public int sentPercent() {
            return recipients == 0 ? 0 : (int) Math.min(100, sent * 100 / recipients);
        }
    }

    @Inject
    EntityManager em;

    @Inject
    SendingSeams seams;

    public Stats of(long campaignId) {
        Campaign c = Campaign.findById(campaignId);
        if (c == null) {
            throw new ProblemException(ErrorCode.CAMPAIGN_NOT_FOUND);
        }
        return of(c);
    }

    public Stats of(Campaign c) {
        long queued = 0;
        long sent = 0;
        long failed = 0;
        Map<String, Long> skipped = new TreeMap<>();
        @SuppressWarnings("unchecked")
        List<Object[]> outcomes = em.createNativeQuery("select status, skip_reason, count(*) from campaign_recipient"
                + " where campaign_id = :c group by status, skip_reason").setParameter("c", c.id).getResultList();
        for (Object[] r : outcomes) {
            long n = ((Number) r[2]).longValue();
            switch ((String) r[0]) {
                case "QUEUED" -> queued += n;
                case "SENT" -> sent += n;
                case "FAILED" -> failed += n;
                default -> skipped.merge(r[1] == null ? "other" : (String) r[1], n, Long::sum);
            }
        }
        long recipients = c.recipients != null ? c.recipients : queued + sent + failed + skipped.values().stream().mapToLong(Long::longValue).sum();
        long[] opens = {0, 0};
        long[] clicks = {0, 0};
        @SuppressWarnings("unchecked")
        List<Object[]> events = em.createNativeQuery("select kind, count(*), count(distinct member_id) from campaign_event"
                + " where campaign_id = :c group by kind").setParameter("c", c.id).getResultList();
        for (Object[] r : events) {
            long[] into = "OPEN".equals(r[0]) ? opens : clicks;
            into[0] = ((Number) r[2]).longValue();
            into[1] = ((Number) r[1]).longValue();
        }
        SendingSeams.BounceCounts bounces = seams.bounces(c.id);
        int minutes = interval(c);
        return new Stats(c.id, c.status.name(), recipients, queued, sent, skipped, failed, bounces.hard(), bounces.soft(),
                seams.unsubscribes(c.id), opens[0], opens[1], clicks[0], clicks[1], minutes, series(c.id, minutes));
    }

    /** Ten-minute intervals for a campaign of the last twelve hours, hours after that. */
    private static int interval(Campaign c) {
        if (c.startedAt == null) {
            return 10;
        }
        Instant end = c.finishedAt != null ? c.finishedAt : Instant.now();
        return Duration.between(c.startedAt, end).compareTo(Duration.ofHours(12)) <= 0 ? 10 : 60;
    }

    private List<Point> series(long campaignId, int minutes) {
        long seconds = minutes * 60L;
        Map<Instant, long[]> at = new TreeMap<>();
        @SuppressWarnings("unchecked")
        List<Object[]> sent = em.createNativeQuery("select floor(extract(epoch from sent_at) / :s), count(*) from campaign_recipient"
                        + " where campaign_id = :c and status = 'SENT' group by 1")
                .setParameter("c", campaignId).setParameter("s", seconds).getResultList();
        sent.forEach(r -> at.computeIfAbsent(bucket(r[0], seconds), k -> new long[3])[0] += ((Number) r[1]).longValue());
        @SuppressWarnings("unchecked")
        List<Object[]> events = em.createNativeQuery("select floor(extract(epoch from at) / :s), kind, count(*) from campaign_event"
                        + " where campaign_id = :c group by 1, 2")
                .setParameter("c", campaignId).setParameter("s", seconds).getResultList();
        events.forEach(r -> at.computeIfAbsent(bucket(r[0], seconds), k -> new long[3])["OPEN".equals(r[1]) ? 1 : 2] += ((Number) r[2]).longValue());
        if (at.isEmpty()) {
            return List.of();
        }
        // every interval from the first to the last, empty ones as zeros, so the chart's line is honest
        Map<Instant, long[]> filled = new LinkedHashMap<>();
        Instant first = ((TreeMap<Instant, long[]>) at).firstKey();
        Instant last = ((TreeMap<Instant, long[]>) at).lastKey();
        for (Instant t = first; !t.isAfter(last) && filled.size() < 2000; t = t.plusSeconds(seconds)) {
            filled.put(t, at.getOrDefault(t, new long[3]));
        }
        List<Point> out = new ArrayList<>();
        filled.forEach((t, v) -> out.add(new Point(t, v[0], v[1], v[2])));
        return out;
    }

    private static Instant bucket(Object n, long seconds) {
        return Instant.ofEpochSecond(((Number) n).longValue() * seconds);
    }
}
