package ru.coalition.purchases;

import java.util.Arrays;

/**
 * Every member's activity per partner (purchase_activity: first and last receipt, acquired) as the folds up to
 * {@link #mark} left it, ordered by member and partner, in memory for the coalition effect (ActivityCache). Times are
 * microseconds since the epoch, the rollup's ±infinity placeholders Long.MAX_VALUE and Long.MIN_VALUE. Never changed once
 * made: a refresh makes a new one.
 */
final class Activities {

    final long mark;
    final int size;
    final int[] member;
    final int[] partner;
    final long[] firstAt;
    final long[] lastAt;
    final boolean[] acquired;

    private Activities(long mark, Builder b) {
        this.mark = mark;
        this.size = b.n;
        this.member = b.member;
        this.partner = b.partner;
        this.firstAt = b.firstAt;
        this.lastAt = b.lastAt;
        this.acquired = b.acquired;
    }

    /** The same rows as of a later mark (no row changed since). */
    private Activities(long mark, Activities same) {
        this.mark = mark;
        this.size = same.size;
        this.member = same.member;
        this.partner = same.partner;
        this.firstAt = same.firstAt;
        this.lastAt = same.lastAt;
        this.acquired = same.acquired;
    }

    /** Rows added in member and partner order. */
    static final class Builder {
        private int n;
        private int[] member;
        private int[] partner;
        private long[] firstAt;
        private long[] lastAt;
        private boolean[] acquired;

        Builder(int capacity) {
            int c = Math.max(capacity, 16);
            member = new int[c];
            partner = new int[c];
            firstAt = new long[c];
            lastAt = new long[c];
            acquired = new boolean[c];
        }

        void add(long memberId, long partnerId, long first, long last, boolean acquiredHere) {
            if (n == member.length) {
                int grown = n * 2;
                member = Arrays.copyOf(member, grown);
                partner = Arrays.copyOf(partner, grown);
                firstAt = Arrays.copyOf(firstAt, grown);
                lastAt = Arrays.copyOf(lastAt, grown);
                acquired = Arrays.copyOf(acquired, grown);
            }
            member[n] = Math.toIntExact(memberId);
            partner[n] = Math.toIntExact(partnerId);
            firstAt[n] = first;
            lastAt[n] = last;
            acquired[n] = acquiredHere;
            if (n > 0 && (member[n - 1] > member[n] || member[n - 1] == member[n] && partner[n - 1] >= partner[n])) {
                throw new IllegalStateException("activity out of order at member " + memberId + ", partner " + partnerId);
            }
            n++;
        }

        Activities build(long mark) {
            return new Activities(mark, this);
        }
    }

    /** These rows brought up to {@code changes.mark}: a changed row replaces its member and partner's, or comes in at its place. */
    Activities with(Activities changes) {
        if (changes.size == 0) {
            return new Activities(changes.mark, this);
        }
        Builder merged = new Builder(size + changes.size);
        OrderedMerge.merge(size, changes.size, (i, j) -> compare(i, changes, j),
                i -> merged.add(member[i], partner[i], firstAt[i], lastAt[i], acquired[i]),
                j -> merged.add(changes.member[j], changes.partner[j], changes.firstAt[j], changes.lastAt[j], changes.acquired[j]));
        return merged.build(changes.mark);
    }

    private int compare(int i, Activities b, int j) {
        int c = Integer.compare(member[i], b.member[j]);
        return c != 0 ? c : Integer.compare(partner[i], b.partner[j]);
    }

    /** The first row of a member at or after {@code from}, or {@link #size}. */
    int seek(int from, int memberId) {
        int i = from;
        while (i < size && member[i] < memberId) {
            i++;
        }
        return i;
    }

}
