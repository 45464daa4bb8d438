package ru.coalition.partners;

import java.time.Instant;
import java.util.List;

/**
 * What a partner's programs need to know of its customers' purchases (tiers by spend, birthday bonuses for customers).
 * Declared here, below the features that ask, and answered by the purchases feature, which owns the receipts: so tiers
 * and bonuses never read the purchase tables and no package cycle arises.
 */
public interface Customers {

    /** The member's spend at the partner since the moment, net of refunds, in kopecks. */
    long spendSince(long partnerId, long memberId, Instant since);

    /** Members who ever bought at the partner. */
    List<Long> of(long partnerId);

    /** Those of the given members who ever bought at the partner. */
    List<Long> among(long partnerId, List<Long> memberIds);
}
