package ru.coalition.purchases;

import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * The activity rollup (purchase_activity and its totals) at one moment, in memory, for segment counts over a large base
 * (ru.coalition.mailings.SegmentIndex). Made by {@link PurchaseActivity#snapshot}; the conditions over it sit beside
 * their SQL in {@link PurchaseActivity} and must mean the same. Times are microseconds since the epoch as PostgreSQL
 * keeps them; the rollup's ±infinity placeholders are Long.MAX_VALUE and Long.MIN_VALUE.
 */
public final class ActivitySnapshot {

    /** One partner's rows: member, last purchase, receipts, spend (kopecks, less refunds). */
    static final class Rows {
        int n;
        int[] member = new int[64];
        long[] lastAt = new long[64];
        long[] receipts = new long[64];
        long[] spend = new long[64];

        void add(int memberId, long last, long count, long sum) {
            if (n == member.length) {
                int grown = n * 2;
                member = Arrays.copyOf(member, grown);
                lastAt = Arrays.copyOf(lastAt, grown);
                receipts = Arrays.copyOf(receipts, grown);
                spend = Arrays.copyOf(spend, grown);
            }
            member[n] = memberId;
            lastAt[n] = last;
            receipts[n] = count;
            spend[n] = sum;
            n++;
        }
    }

    final int size;
    final Map<Long, Rows> byPartner = new HashMap<>();
    final BitSet hasTotal;
    final long[] totalLastAt;
    final long[] totalReceipts;
    final long[] totalSpend;

    ActivitySnapshot(int size) {
        this.size = size;
        this.hasTotal = new BitSet(size);
        this.totalLastAt = new long[size];
        this.totalReceipts = new long[size];
        this.totalSpend = new long[size];
    }

    Rows partner(long partnerId) {
        return byPartner.getOrDefault(partnerId, new Rows());
    }

    BitSet everyone() {
        BitSet all = new BitSet(size);
        all.set(0, size);
        return all;
    }

    /** Roughly how much memory the snapshot holds, in bytes. */
    public long bytes() {
        long rows = byPartner.values().stream().mapToLong(r -> r.member.length).sum();
        return rows * (4 + 8 + 8 + 8) + (long) size * (8 + 8 + 8) + size / 8;
    }
}
