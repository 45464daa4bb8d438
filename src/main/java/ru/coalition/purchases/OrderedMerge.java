package ru.coalition.purchases;

import java.util.function.IntBinaryOperator;
import java.util.function.IntConsumer;

/** The merge of a copy's rows with the rows changed since (MemberDays, Activities), both ordered by the same key. */
final class OrderedMerge {

    private OrderedMerge() {
    }

    /**
     * Walks {@code size} rows and {@code changes} changed rows in key order: {@code compare(i, j)} orders row i against
     * changed row j; a changed row replaces the row of its key ({@code change(j)}, row i skipped) or comes in at its place;
     * every other row is kept ({@code keep(i)}). Rows are never deleted, so nothing else leaves.
     */
    static void merge(int size, int changes, IntBinaryOperator compare, IntConsumer keep, IntConsumer change) {
        int i = 0, j = 0;
        while (i < size || j < changes) {
            int c = i == size ? 1 : j == changes ? -1 : compare.applyAsInt(i, j);
            if (c < 0) {
                keep.accept(i++);
            } else {
                change.accept(j++);
                if (c == 0) {
                    i++;
                }
            }
        }
    }
}
