package ru.coalition.mailings;

import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * What the sending engine asks the other parts of issue 12: the members of a segment (B's {@code Segments.selection}),
 * the suppressed addresses (D's {@code Suppressions.suppressed}), a campaign's bounces (D's
 * {@code Bounces.countByCampaign}) and unsubscribes (A's {@code Unsubscribes.countByCampaign}). One bean implements it
 * ({@link SendingSeamsInForce}); it delegates to those services once they are merged.
 */
public interface SendingSeams {

    /** The member ids a campaign goes to: {@code sql} selects one column, member_id, with these parameters. */
    record Selection(String sql, Map<String, Object> params) {
    }

    record BounceCounts(long hard, long soft) {
    }

    /** The members of a campaign's segment; a campaign without a segment goes to every active member. */
    Selection selection(Long segmentId);

    /** The addresses among these that must not be mailed (hard bounces, repeated soft bounces, complaints). */
    Set<String> suppressed(Collection<String> addresses);

    BounceCounts bounces(long campaignId);

    long unsubscribes(long campaignId);
}
