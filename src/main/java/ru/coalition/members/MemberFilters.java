package ru.coalition.members;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import ru.coalition.platform.SqlParams;
import ru.coalition.platform.SqlScan;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Conditions on members for a segment (ru.coalition.mailings.Segments), as SQL over the member table: each answers a
 * predicate on the member row aliased {@code m}; other features' conditions test {@code m.id}. The base of every
 * segment is {@link #activeMembers}: members in force (not deleted).
 *
 * <p>Each condition also has its in-memory twin over a {@link MemberSnapshot} (the members' set as a bit set by id), used
 * to count segments of a large base quickly; the two must mean the same, and SegmentIndexTest compares them.
 */
@ApplicationScoped
public class MemberFilters {

    /** Ids are kept in int arrays: a base with larger ids is counted in SQL only. */
    public static final long MAX_SNAPSHOT_ID = Integer.MAX_VALUE - 16;

    /** Age bands of the questionnaire-based filters: code, youngest age, oldest age (null: no upper bound). */
    public record AgeBand(String code, int from, Integer to) {
    }

    public static final List<AgeBand> AGE_BANDS = List.of(new AgeBand("under-18", 0, 17), new AgeBand("18-24", 18, 24),
            new AgeBand("25-34", 25, 34), new AgeBand("35-44", 35, 44), new AgeBand("45-54", 45, 54), new AgeBand("55+", 55, null));

    public static final List<String> GENDERS = List.of("female", "male");
    public static final List<String> SOCIAL_STATUSES = List.of(RegistrationRequest.SOCIAL_STATUSES.split("\\|"));
    public static final List<String> INCOME_BRACKETS = List.of(RegistrationRequest.INCOME_BRACKETS.split("\\|"));

    /** The ids of members in force (column member_id) for whom the predicate holds. */
    public String activeMembers(String predicate) {
        return "select m.id as member_id from member m where m.status = '" + Member.ACTIVE + "' and (" + predicate + ")";
    }

    /** How many members in force the predicate holds for. */
    public String countActive(String predicate) {
        return "select count(*) from member m where m.status = '" + Member.ACTIVE + "' and (" + predicate + ")";
    }

    /** Aged within any of the bands on the given day (band codes from {@link #AGE_BANDS}). */
    public String ageBands(SqlParams params, List<String> codes, LocalDate today) {
        List<String> parts = new ArrayList<>();
        for (String code : codes) {
            AgeBand band = AGE_BANDS.stream().filter(b -> b.code().equals(code)).findFirst().orElseThrow();
            // aged at least "from": born on or before today - from years; at most "to": born after today - (to + 1) years
            String part = "m.birth_date <= " + params.bind(today.minusYears(band.from()));
            if (band.to() != null) {
                part += " and m.birth_date > " + params.bind(today.minusYears(band.to() + 1L));
            }
            parts.add("(" + part + ")");
        }
        return "(" + String.join(" or ", parts) + ")";
    }

    public String gender(SqlParams params, String gender) {
        return "m.gender = " + params.bind(gender);
    }

    /** Living in one of the cities (as the member wrote it, letter case aside). */
    public String cities(SqlParams params, List<String> cities) {
        return "lower(m.city) in (" + String.join(", ", cities.stream().map(c -> params.bind(c.strip().toLowerCase(Locale.ROOT))).toList()) + ")";
    }

    public String socialStatuses(SqlParams params, List<String> statuses) {
        return "m.social_status in (" + String.join(", ", statuses.stream().map(params::bind).toList()) + ")";
    }

    public String incomeBrackets(SqlParams params, List<String> brackets) {
        return "m.income_bracket in (" + String.join(", ", brackets.stream().map(params::bind).toList()) + ")";
    }

    /** Born in the month of the given day (the operator's date). */
    public String birthdayInMonth(SqlParams params, LocalDate today) {
        return "extract(month from m.birth_date) = " + params.bind(today.getMonthValue());
    }

    /** The questionnaire answers a portrait groups a partner's customers by (issue 13 §3, docs/analytics.md). */
    public enum Dimension { age, gender, socialStatus, incomeBracket, city }

    /**
     * A member's answer as SQL over {@code m}, as a code: the age band on the given day (codes of {@link #AGE_BANDS}),
     * the gender, status and bracket codes, the city lower-cased (as the segments' city condition compares it).
     */
    public String answer(Dimension d, SqlParams params, LocalDate onDay) {
        return switch (d) {
            case age -> {
                StringBuilder s = new StringBuilder("case");
                for (AgeBand band : AGE_BANDS) {
                    if (band.to() != null) {
                        s.append(" when m.birth_date > ").append(params.bind(onDay.minusYears(band.to() + 1L))).append(" then '")
                                .append(band.code()).append('\'');
                    } else {
                        s.append(" else '").append(band.code()).append('\'');
                    }
                }
                yield s.append(" end").toString();
            }
            case gender -> "m.gender";
            case socialStatus -> "m.social_status";
            case incomeBracket -> "m.income_bracket";
            case city -> "lower(m.city)";
        };
    }

    /** How an answer is shown: the city as a member of its group wrote it; the codes of the others are labelled by the page. */
    public String spelling(Dimension d, SqlParams params, LocalDate onDay) {
        return d == Dimension.city ? "btrim(m.city)" : answer(d, params, onDay);
    }

    /**
     * Each member's secret, fixed key in [0, 2^32) under a seed only the server knows: a portrait's cell sums its
     * members' keys, so the same members always give the same cell key and the rounding keyed by it is the same.
     * {@code memberId} is the SQL of a member id column (m.id over the member table).
     */
    public static String cellKey(SqlParams params, long seed, String memberId) {
        return "(hashtextextended(cast(" + memberId + " as text), " + params.bind(seed) + ") & 4294967295)";
    }

    /**
     * {@link #cellKey(SqlParams, long, String)} worked out here, for figures worked out in memory: PostgreSQL's
     * hashtextextended of the id's digits (hash_bytes_extended, Bob Jenkins' lookup3, in src/common/hashfn.c), its low 32
     * bits. MemberKeyTest compares it with PostgreSQL's.
     */
    public static long cellKey(long seed, long memberId) {
        byte[] k = Long.toString(memberId).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        int len = k.length;
        int[] abc = new int[3];
        abc[0] = abc[1] = abc[2] = 0x9e3779b9 + len + 3923095;
        if (seed != 0) {
            abc[0] += (int) (seed >>> 32);
            abc[1] += (int) seed;
            mix(abc);
        }
        int o = 0;
        while (len >= 12) {
            abc[0] += word(k, o);
            abc[1] += word(k, o + 4);
            abc[2] += word(k, o + 8);
            mix(abc);
            o += 12;
            len -= 12;
        }
        // the last 11 bytes, little-endian as on the machines PostgreSQL runs on here; the lowest byte of c is left out
        for (int i = len - 1; i >= 0; i--) {
            int b = k[o + i] & 0xff;
            if (i >= 8) {
                abc[2] += b << (8 * (i - 7));
            } else if (i >= 4) {
                abc[1] += b << (8 * (i - 4));
            } else {
                abc[0] += b << (8 * i);
            }
        }
        fin(abc);
        return abc[2] & 0xFFFFFFFFL;
    }

    private static int word(byte[] k, int o) {
        return (k[o] & 0xff) | (k[o + 1] & 0xff) << 8 | (k[o + 2] & 0xff) << 16 | (k[o + 3] & 0xff) << 24;
    }

    private static void mix(int[] v) {
        int a = v[0], b = v[1], c = v[2];
        a -= c; a ^= Integer.rotateLeft(c, 4); c += b;
        b -= a; b ^= Integer.rotateLeft(a, 6); a += c;
        c -= b; c ^= Integer.rotateLeft(b, 8); b += a;
        a -= c; a ^= Integer.rotateLeft(c, 16); c += b;
        b -= a; b ^= Integer.rotateLeft(a, 19); a += c;
        c -= b; c ^= Integer.rotateLeft(b, 4); b += a;
        v[0] = a;
        v[1] = b;
        v[2] = c;
    }

    private static void fin(int[] v) {
        int a = v[0], b = v[1], c = v[2];
        c ^= b; c -= Integer.rotateLeft(b, 14);
        a ^= c; a -= Integer.rotateLeft(c, 11);
        b ^= a; b -= Integer.rotateLeft(a, 25);
        c ^= b; c -= Integer.rotateLeft(b, 16);
        a ^= c; a -= Integer.rotateLeft(c, 4);
        b ^= a; b -= Integer.rotateLeft(a, 14);
        c ^= b; c -= Integer.rotateLeft(b, 24);
        v[0] = a;
        v[1] = b;
        v[2] = c;
    }

    /** Members in force: an erased member has no answers left to show. */
    public String inForce() {
        return "m.status = '" + Member.ACTIVE + "'";
    }

    // ---- the same conditions over a snapshot ----

    @Inject
    DataSource db;

    @Inject
    Clock clock;

    /** How many members are in force (decides whether counts are worth a snapshot). */
    public long activeCount() {
        return SqlScan.number(db, "select count(*) from member where status = '" + Member.ACTIVE + "'");
    }

    /**
     * Reads every member's answers and consents in force. The largest id is read first: a member who registers while
     * this runs is left for the next snapshot.
     */
    public MemberSnapshot snapshot() {
        java.time.Instant asOf = clock.instant();
        long max = SqlScan.number(db, "select coalesce(max(id), 0) from member");
        if (max > MAX_SNAPSHOT_ID) {
            throw new IllegalStateException("member ids above " + MAX_SNAPSHOT_ID + " are counted in SQL only");
        }
        int size = (int) max + 1;
        Map<String, Integer> cities = new HashMap<>();
        MemberSnapshot s = new MemberSnapshot(asOf, size, cities);
        // lower() as PostgreSQL does it, so that "city" means here exactly what it means in cities() above
        SqlScan.each(db, "select id, birth_date, gender, lower(city), social_status, income_bracket from member"
                + " where status = '" + Member.ACTIVE + "' and id < " + size, rs -> {
            int id = (int) rs.getLong(1);
            s.active.set(id);
            LocalDate born = rs.getObject(2, LocalDate.class);
            if (born != null) {
                s.birthDay[id] = (int) born.toEpochDay();
                s.birthMonth[id] = (byte) born.getMonthValue();
            }
            s.gender[id] = (byte) (GENDERS.indexOf(rs.getString(3)) + 1);
            String city = rs.getString(4);
            if (city != null) {
                s.city[id] = cities.computeIfAbsent(city, c -> cities.size());
            }
            s.socialStatus[id] = (byte) (SOCIAL_STATUSES.indexOf(rs.getString(5)) + 1);
            s.incomeBracket[id] = (byte) (INCOME_BRACKETS.indexOf(rs.getString(6)) + 1);
        });
        SqlScan.each(db, "select member_id, kind, granted from consent_state where member_id < " + size, rs -> {
            Consent.Kind kind;
            try {
                kind = Consent.Kind.valueOf(rs.getString(2));
            } catch (IllegalArgumentException e) {
                return;
            }
            (rs.getBoolean(3) ? s.granted : s.withdrawn).get(kind).set((int) rs.getLong(1));
        });
        return s;
    }

    public BitSet ageBands(MemberSnapshot s, List<String> codes, LocalDate today) {
        long[] from = new long[codes.size()];
        long[] to = new long[codes.size()];
        for (int i = 0; i < codes.size(); i++) {
            String code = codes.get(i);
            AgeBand band = AGE_BANDS.stream().filter(b -> b.code().equals(code)).findFirst().orElseThrow();
            from[i] = today.minusYears(band.from()).toEpochDay();
            to[i] = band.to() == null ? Long.MIN_VALUE : today.minusYears(band.to() + 1L).toEpochDay();
        }
        BitSet out = new BitSet(s.size);
        for (int id = 0; id < s.size; id++) {
            int day = s.birthDay[id];
            if (day == MemberSnapshot.NO_DATE) {
                continue;
            }
            for (int i = 0; i < from.length; i++) {
                if (day <= from[i] && day > to[i]) {
                    out.set(id);
                    break;
                }
            }
        }
        return out;
    }

    public BitSet gender(MemberSnapshot s, String gender) {
        return matching(s.gender, GENDERS.indexOf(gender) + 1);
    }

    public BitSet cities(MemberSnapshot s, List<String> cities) {
        BitSet codes = new BitSet();
        for (String c : cities) {
            Integer code = s.cities.get(c.strip().toLowerCase(Locale.ROOT));
            if (code != null) {
                codes.set(code);
            }
        }
        BitSet out = new BitSet(s.size);
        for (int id = 0; id < s.size; id++) {
            int code = s.city[id];
            if (code >= 0 && codes.get(code)) {
                out.set(id);
            }
        }
        return out;
    }

    public BitSet socialStatuses(MemberSnapshot s, List<String> statuses) {
        return matchingAny(s.socialStatus, statuses.stream().mapToInt(v -> SOCIAL_STATUSES.indexOf(v) + 1).toArray());
    }

    public BitSet incomeBrackets(MemberSnapshot s, List<String> brackets) {
        return matchingAny(s.incomeBracket, brackets.stream().mapToInt(v -> INCOME_BRACKETS.indexOf(v) + 1).toArray());
    }

    public BitSet birthdayInMonth(MemberSnapshot s, LocalDate today) {
        return matching(s.birthMonth, today.getMonthValue());
    }

    private static BitSet matching(byte[] column, int value) {
        BitSet out = new BitSet(column.length);
        if (value <= 0) {
            return out;
        }
        for (int id = 0; id < column.length; id++) {
            if (column[id] == value) {
                out.set(id);
            }
        }
        return out;
    }

    private static BitSet matchingAny(byte[] column, int[] values) {
        boolean[] wanted = new boolean[128];
        for (int v : values) {
            if (v > 0 && v < wanted.length) {
                wanted[v] = true;
            }
        }
        BitSet out = new BitSet(column.length);
        for (int id = 0; id < column.length; id++) {
            if (wanted[column[id] & 0x7f]) {
                out.set(id);
            }
        }
        return out;
    }
}
