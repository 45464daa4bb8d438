package ru.coalition.mailings;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * The engine's seams as they stand on the engine branch: a campaign without a segment goes to every active member;
 * unsubscribes are part A's; segments, suppressions and bounces come from parts B and D and are wired here when they
 * merge (until then a campaign with a segment refuses to start, nothing is suppressed and the bounce counts are 0).
 */
@ApplicationScoped
public class SendingSeamsInForce implements SendingSeams {

    @Inject
    Unsubscribes unsubscribes;

    @Override
    public Selection selection(Long segmentId) {
        if (segmentId == null) {
            return new Selection("select m.id as member_id from member m where m.status = 'ACTIVE'", Map.of());
        }
        // MERGE (part B): var s = segments.selection(segmentId); return new Selection(s.sql(), s.params());
        throw new IllegalStateException("segments are part B of issue 12: campaign segment " + segmentId + " cannot be resolved yet");
    }

    @Override
    public Set<String> suppressed(Collection<String> addresses) {
        // MERGE (part D): return suppressions.suppressed(addresses);
        return Set.of();
    }

    @Override
    public BounceCounts bounces(long campaignId) {
        // MERGE (part D): var b = bounces.countByCampaign(campaignId); return new BounceCounts(b.hard(), b.soft());
        return new BounceCounts(0, 0);
    }

    @Override
    public long unsubscribes(long campaignId) {
        return unsubscribes.countByCampaign(campaignId);
    }
}
