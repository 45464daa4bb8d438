package ru.coalition.purchases;

import java.util.Arrays;

/**
 * One partner's member-days (its purchase_day rows) as the folds up to {@link #mark} left them, ordered by member and
 * day. A long period's per-member figures are one pass over these arrays instead of a year of index rows through
 * PostgreSQL's executor (docs/benchmarks.md "Long periods in memory"). Never changed once made: a refresh makes a new
 * one, so whoever holds one reads it whole and consistent.
 */
final class MemberDays {

    /** The fold horizon these rows are as of (purchase_activity_cursor.folded_below; purchase_day.folded, V39). */
    final long mark;
    final int size;
    final int[] member;
    /** The partner's local day, as days since 1970-01-01. */
    final int[] day;
    final int[] receipts;
    /** Kopecks, less refunds. */
    final long[] spend;

    private MemberDays(long mark, int size, int[] member, int[] day, int[] receipts, long[] spend) {
        this.mark = mark;
        this.size = size;
        this.member = member;
        this.day = day;
        this.receipts = receipts;
        this.spend = spend;
    }

    /** Rows added in member and day order (as read with {@code order by member_id, day}). */
    static final class Builder {
        private int n;
        private int[] member;
        private int[] day;
        private int[] receipts;
        private long[] spend;

        Builder(int capacity) {
            int c = Math.max(capacity, 16);
            member = new int[c];
            day = new int[c];
            receipts = new int[c];
            spend = new long[c];
        }

        void add(long memberId, long epochDay, long count, long sum) {
            if (n == member.length) {
                int grown = n * 2;
                member = Arrays.copyOf(member, grown);
                day = Arrays.copyOf(day, grown);
                receipts = Arrays.copyOf(receipts, grown);
                spend = Arrays.copyOf(spend, grown);
            }
            member[n] = Math.toIntExact(memberId);
            day[n] = Math.toIntExact(epochDay);
            receipts[n] = Math.toIntExact(count);
            spend[n] = sum;
            if (n > 0 && compare(n - 1, member[n], day[n]) >= 0) {
                throw new IllegalStateException("member-days out of order at member " + memberId + ", day " + epochDay);
            }
            n++;
        }

        MemberDays build(long mark) {
            return new MemberDays(mark, n, member, day, receipts, spend);
        }

        private int compare(int i, int otherMember, int otherDay) {
            int c = Integer.compare(member[i], otherMember);
            return c != 0 ? c : Integer.compare(day[i], otherDay);
        }
    }

    /**
     * These rows brought up to {@code changes.mark}: each changed row replaces the one of its member and day here, or
     * comes in at its place. purchase_day rows are never deleted, so nothing leaves.
     */
    MemberDays with(MemberDays changes) {
        if (changes.size == 0) {
            return new MemberDays(changes.mark, size, member, day, receipts, spend);
        }
        Builder merged = new Builder(size + changes.size);
        OrderedMerge.merge(size, changes.size, (i, j) -> compare(this, i, changes, j),
                i -> merged.add(member[i], day[i], receipts[i], spend[i]),
                j -> merged.add(changes.member[j], changes.day[j], changes.receipts[j], changes.spend[j]));
        return merged.build(changes.mark);
    }

    private static int compare(MemberDays a, int i, MemberDays b, int j) {
        int c = Integer.compare(a.member[i], b.member[j]);
        return c != 0 ? c : Integer.compare(a.day[i], b.day[j]);
    }

}
