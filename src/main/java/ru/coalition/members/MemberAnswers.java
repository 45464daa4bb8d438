package ru.coalition.members;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The questionnaire answers of the members in force, in memory, for portraits worked out without reading the member table
 * (analytics.Portraits): arrays by member id, each answer a code into {@link #words}. As of a read whose snapshot's
 * horizon is {@link #horizon}; never changed once made, a refresh makes a new one (MemberAnswerCache).
 */
public final class MemberAnswers {

    final long horizon;
    final int size;
    final BitSet active;
    /** Epoch day of birth. */
    final int[] birthDay;
    final int[] gender;
    final int[] socialStatus;
    final int[] incomeBracket;
    /** The city as PostgreSQL lower-cases it, and as the member wrote it (trimmed). */
    final int[] city;
    final int[] spelling;
    final String[] words;
    /** Per word, its place among the spellings in the database's collation (the order of PostgreSQL's min()). */
    final int[] rank;

    private MemberAnswers(long horizon, int size, BitSet active, int[] birthDay, int[] gender, int[] socialStatus, int[] incomeBracket,
                          int[] city, int[] spelling, String[] words, int[] rank) {
        this.horizon = horizon;
        this.size = size;
        this.active = active;
        this.birthDay = birthDay;
        this.gender = gender;
        this.socialStatus = socialStatus;
        this.incomeBracket = incomeBracket;
        this.city = city;
        this.spelling = spelling;
        this.words = words;
        this.rank = rank;
    }

    /** Whether the member is in force (an erased member has no answers). */
    public boolean active(int memberId) {
        return memberId < size && active.get(memberId);
    }

    /** The code of a member's answer to a question, as MemberFilters#answer gives it on {@code ages}' day. */
    public int answer(MemberFilters.Dimension d, int memberId, Ages ages) {
        return switch (d) {
            case age -> ages.band(birthDay[memberId]);
            case gender -> gender[memberId];
            case socialStatus -> socialStatus[memberId];
            case incomeBracket -> incomeBracket[memberId];
            case city -> city[memberId];
        };
    }

    /** The text of an answer's code ({@link #answer}). */
    public String text(MemberFilters.Dimension d, int code) {
        return d == MemberFilters.Dimension.age ? MemberFilters.AGE_BANDS.get(code).code() : words[code];
    }

    /** The member's own spelling of the city (MemberFilters#spelling), as a code comparable by {@link #earlier}. */
    public int spelling(int memberId) {
        return spelling[memberId];
    }

    /** Whether spelling a comes before spelling b in the database's order. */
    public boolean earlier(int a, int b) {
        return rank[a] < rank[b];
    }

    /** The age bands on a day: the birth days after which each band begins, youngest first (as MemberFilters#answer). */
    public static final class Ages {
        private final int[] after;

        public Ages(LocalDate onDay) {
            after = MemberFilters.AGE_BANDS.stream().filter(b -> b.to() != null)
                    .mapToInt(b -> (int) onDay.minusYears(b.to() + 1L).toEpochDay()).toArray();
        }

        int band(int birthDay) {
            for (int i = 0; i < after.length; i++) {
                if (birthDay > after[i]) {
                    return i;
                }
            }
            return after.length;
        }
    }

    /** Builds a copy: every row of a first read, or the previous copy with the rows changed since. */
    static final class Builder {
        private int size;
        private BitSet active;
        private int[] birthDay, gender, socialStatus, incomeBracket, city, spelling;
        private final Map<String, Integer> codes = new HashMap<>();
        private String[] words;
        private int[] rank;
        private boolean newSpelling;

        private boolean copied;

        Builder(MemberAnswers from) {
            if (from == null) {
                size = 0;
                active = new BitSet();
                birthDay = gender = socialStatus = incomeBracket = city = spelling = new int[0];
                words = new String[0];
                rank = new int[0];
                copied = true;
            } else {
                // shared until a row changes: a read that brings nothing copies nothing
                size = from.size;
                active = from.active;
                birthDay = from.birthDay;
                gender = from.gender;
                socialStatus = from.socialStatus;
                incomeBracket = from.incomeBracket;
                city = from.city;
                spelling = from.spelling;
                words = from.words;
                rank = from.rank;
            }
            for (int i = 0; i < words.length; i++) {
                codes.put(words[i], i);
            }
        }

        private void copy() {
            if (copied) {
                return;
            }
            active = (BitSet) active.clone();
            birthDay = birthDay.clone();
            gender = gender.clone();
            socialStatus = socialStatus.clone();
            incomeBracket = incomeBracket.clone();
            city = city.clone();
            spelling = spelling.clone();
            words = words.clone();
            rank = rank.clone();
            copied = true;
        }

        /** A member row: in force with its answers, or not (erased: the answers are null and it counts nowhere). */
        void add(long id, boolean inForce, LocalDate born, String genderAnswer, String lowerCity, String trimmedCity, String status,
                 String income) {
            copy();
            int m = Math.toIntExact(id);
            if (m >= size) {
                int grown = Math.max(m + 1, size + size / 4 + 1024);
                birthDay = Arrays.copyOf(birthDay, grown);
                gender = Arrays.copyOf(gender, grown);
                socialStatus = Arrays.copyOf(socialStatus, grown);
                incomeBracket = Arrays.copyOf(incomeBracket, grown);
                city = Arrays.copyOf(city, grown);
                spelling = Arrays.copyOf(spelling, grown);
                size = grown;
            }
            active.set(m, inForce);
            if (!inForce) {
                return;
            }
            birthDay[m] = (int) born.toEpochDay();
            gender[m] = code(genderAnswer);
            socialStatus[m] = code(status);
            incomeBracket[m] = code(income);
            city[m] = code(lowerCity);
            spelling[m] = code(trimmedCity);
            newSpelling |= rank[spelling[m]] < 0;
        }

        private int code(String word) {
            Integer c = codes.get(word);
            if (c != null) {
                return c;
            }
            int next = words.length;
            words = Arrays.copyOf(words, next + 1);
            rank = Arrays.copyOf(rank, next + 1);
            words[next] = word;
            rank[next] = -1;
            codes.put(word, next);
            return next;
        }

        /** Whether a spelling came that has no place in the order yet: the order is read again ({@link #order}). */
        boolean newSpelling() {
            return newSpelling;
        }

        /** The spellings in the database's order, each one's place; other words have none (-1). */
        void order(List<String> spellings) {
            Arrays.fill(rank, -1);
            for (int i = 0; i < spellings.size(); i++) {
                Integer c = codes.get(spellings.get(i));
                if (c != null) {
                    rank[c] = i;
                }
            }
            newSpelling = false;
        }

        MemberAnswers build(long horizon) {
            return new MemberAnswers(horizon, size, active, birthDay, gender, socialStatus, incomeBracket, city, spelling, words, rank);
        }
    }

}
