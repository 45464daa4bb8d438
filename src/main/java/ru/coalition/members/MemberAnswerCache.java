package ru.coalition.members;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import ru.coalition.platform.ConsistentReads;
import ru.coalition.platform.MemoryCopy;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.List;

/**
 * The questionnaire answers of every member in memory ({@link MemberAnswers}) once a portrait was asked for: read whole
 * the first time, in the background (a million members in about three seconds; portraits are counted in SQL meanwhile),
 * then only the rows of the transactions at or after the last read's horizon (member.changed, V41, kept by a trigger),
 * so a portrait sees every registration, answer and erasure committed before it, as SQL does. About 25 bytes a member.
 * Dropped after {@code coalition.analytics.memory-idle} without a question; off with
 * {@code coalition.analytics.figures-in-memory=false}.
 */
@ApplicationScoped
public class MemberAnswerCache {

    /** The horizon of a read: every transaction below it had ended, and the read saw what it committed. */
    private static final String HORIZON = "select cast(cast(pg_snapshot_xmin(pg_current_snapshot()) as text) as bigint)";

    @Inject
    DataSource db;

    private final MemoryCopy<MemberAnswers> copy = new MemoryCopy<>("answers of every member", this::read);

    /** The answers of every member as committed now, read whole first if need be (waits). */
    public MemberAnswers fresh() {
        return copy.fresh();
    }

    /** As {@link #fresh}, or null while the answers are first read (in the background). */
    public MemberAnswers ifReady() {
        return copy.ifReady();
    }

    @Scheduled(identity = "member-answers-idle", every = "10m", delayed = "${coalition.jobs.delay}")
    void dropIdle() {
        copy.dropIfIdle();
    }

    private MemberAnswers read(MemberAnswers previous) {
        MemberAnswers.Builder rows = new MemberAnswers.Builder(previous);
        // lower() and btrim() as PostgreSQL does them, so that a city here is what it is in MemberFilters#answer
        long horizon = ConsistentReads.read(db, HORIZON, "select id, status = '" + Member.ACTIVE + "', birth_date, gender, lower(city),"
                        + " btrim(city), social_status, income_bracket from member"
                        + (previous == null ? "" : " where changed >= cast(cast(" + previous.horizon + " as text) as xid8)"),
                rs -> rows.add(rs.getLong(1), rs.getBoolean(2), rs.getObject(3, java.time.LocalDate.class), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8)));
        if (rows.newSpelling()) {
            // the order of min() over the spellings is the database's collation's: read it, not Java's
            List<String> spellings = new ArrayList<>();
            ConsistentReads.read(db, HORIZON, "select s from (select distinct btrim(city) as s from member where status = '"
                    + Member.ACTIVE + "') x order by s", rs -> spellings.add(rs.getString(1)));
            rows.order(spellings);
        }
        return rows.build(horizon);
    }
}
