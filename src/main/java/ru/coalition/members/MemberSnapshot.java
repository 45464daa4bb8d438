package ru.coalition.members;

import java.time.Instant;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.Map;

/**
 * Every member's questionnaire answers and consents in force at one moment, in memory, for segment counts over a large
 * base (ru.coalition.mailings.SegmentIndex): arrays indexed by member id. Made by {@link MemberFilters#snapshot}; the
 * conditions over it sit beside their SQL in {@link MemberFilters} and {@link MemberConsents} and must mean the same.
 */
public final class MemberSnapshot {

    static final int NO_DATE = Integer.MIN_VALUE;

    final Instant asOf;
    /** Member ids are below this. */
    final int size;
    final BitSet active;
    /** Epoch day of birth, {@link #NO_DATE} when unknown. */
    final int[] birthDay;
    /** 1–12, 0 when unknown. */
    final byte[] birthMonth;
    /** 1 + the index in {@link MemberFilters#GENDERS}, 0 otherwise. */
    final byte[] gender;
    /** The code of the city as PostgreSQL lower-cases it (key of {@link #cities}), -1 when none. */
    final int[] city;
    final Map<String, Integer> cities;
    /** 1 + the index in {@link MemberFilters#SOCIAL_STATUSES} / {@link MemberFilters#INCOME_BRACKETS}, 0 otherwise. */
    final byte[] socialStatus;
    final byte[] incomeBracket;
    /** Per kind, the members whose decision in force is "yes" / "no" (consent_state); no decision: the kind's default. */
    final Map<Consent.Kind, BitSet> granted = new EnumMap<>(Consent.Kind.class);
    final Map<Consent.Kind, BitSet> withdrawn = new EnumMap<>(Consent.Kind.class);

    MemberSnapshot(Instant asOf, int size, Map<String, Integer> cities) {
        this.asOf = asOf;
        this.size = size;
        this.active = new BitSet(size);
        this.birthDay = new int[size];
        java.util.Arrays.fill(birthDay, NO_DATE);
        this.birthMonth = new byte[size];
        this.gender = new byte[size];
        this.city = new int[size];
        java.util.Arrays.fill(city, -1);
        this.cities = cities;
        this.socialStatus = new byte[size];
        this.incomeBracket = new byte[size];
        for (Consent.Kind k : Consent.Kind.values()) {
            granted.put(k, new BitSet(size));
            withdrawn.put(k, new BitSet(size));
        }
    }

    /** When its rows were read. */
    public Instant asOf() {
        return asOf;
    }

    /** Member ids of this snapshot are below this; every other snapshot of the same moment is sized by it. */
    public int size() {
        return size;
    }

    /** The members in force (not deleted): the base of every count. */
    public BitSet active() {
        return (BitSet) active.clone();
    }

    public int activeCount() {
        return active.cardinality();
    }

    /** Everyone in the id space (a complement is taken against this, then limited to {@link #active}). */
    public BitSet everyone() {
        BitSet all = new BitSet(size);
        all.set(0, size);
        return all;
    }

    /** Roughly how much memory the snapshot holds, in bytes. */
    public long bytes() {
        return (long) size * (4 + 1 + 1 + 4 + 1 + 1) + (long) size / 8 * (1 + 2L * Consent.Kind.values().length);
    }
}
