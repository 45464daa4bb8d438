package ru.coalition.mailings;

import ru.coalition.ledger.BalanceFilters;
import ru.coalition.members.MemberSnapshot;
import ru.coalition.purchases.ActivitySnapshot;
import ru.coalition.tiers.TierFilters;

import java.time.Instant;

/** What segment conditions read, in memory at one moment: each part made and read by the feature that owns it. */
public record SegmentSnapshot(MemberSnapshot members, ActivitySnapshot activity, TierFilters.Snapshot tiers,
                              BalanceFilters.Snapshot balances, long loadMillis) {

    public Instant asOf() {
        return members.asOf();
    }

    public int size() {
        return members.size();
    }

    public long bytes() {
        return members.bytes() + activity.bytes() + (long) balances.size() * 8;
    }
}
