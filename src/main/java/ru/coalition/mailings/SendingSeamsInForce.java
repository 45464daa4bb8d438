package ru.coalition.mailings;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * The engine's seams wired to the other parts of issue 12: a campaign's segment (part B's {@link Segments}; a campaign
 * without a segment goes to every active member), suppressed addresses and bounce counts (part D's
 * {@link Suppressions} and {@link Bounces}), unsubscribe counts (part A's {@link Unsubscribes}).
 */
@ApplicationScoped
public class SendingSeamsInForce implements SendingSeams {

    @Inject
    Segments segments;

    @Inject
    Suppressions suppressions;

    @Inject
    Bounces bounces;

    @Inject
    Unsubscribes unsubscribes;

    @Override
    public Selection selection(Long segmentId) {
        if (segmentId == null) {
            return new Selection("select m.id as member_id from member m where m.status = 'ACTIVE'", Map.of());
        }
        Segments.Selection s = segments.selection(segmentId);
        return new Selection(s.sql(), s.params());
    }

    @Override
    public Set<String> suppressed(Collection<String> addresses) {
        return suppressions.suppressed(addresses);
    }

    @Override
    public BounceCounts bounces(long campaignId) {
        Bounces.Counts b = bounces.countByCampaign(campaignId);
        return new BounceCounts(b.hard(), b.soft());
    }

    @Override
    public long unsubscribes(long campaignId) {
        return unsubscribes.countByCampaign(campaignId);
    }
}
