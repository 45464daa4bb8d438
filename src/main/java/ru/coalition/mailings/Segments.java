package ru.coalition.mailings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import ru.coalition.members.MemberFilters;
import ru.coalition.partners.Partner;
import ru.coalition.partners.PartnerScope;
import ru.coalition.partners.PartnerService;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.Problem;
import ru.coalition.platform.ProblemException;
import ru.coalition.platform.Texts;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Segments (issue 12 §3): filters over the shared member base, kept as their definition and counted or resolved when
 * asked, never as a list. {@code partnerId == null} is the operator's segment over the whole base; otherwise the
 * partner's, over its own customers only, counted but never below {@link #MIN_PARTNER_COUNT}. What a count reads
 * besides the member table is folded by purchases.PurchaseActivity (a few seconds behind the purchases).
 */
@ApplicationScoped
@Transactional
public class Segments {

    /** A partner never sees a count below this: "fewer than 5". */
    public static final int MIN_PARTNER_COUNT = 5;

    /** Memory for a count's hashes (semi- and anti-joins over up to all members), for its transaction only. */
    public static final String WORK_MEM = "64MB";

    /**
     * A count: for the operator exact (as of {@code asOf} when it comes from the snapshot of a large base); for a partner
     * null with fewerThan = 5 when below that.
     */
    @Schema(name = "SegmentCount", description = "How many members in force the definition holds for")
    public record Count(@Schema(description = "The count; null when it is below fewerThan (partners only)", nullable = true) Long count,
                        @Schema(description = "Set when the count is hidden: it is below this", nullable = true) Integer fewerThan,
                        @Schema(description = "Set when the count comes from the in-memory snapshot of a large member base (made"
                                + " every few minutes): the moment of its data. Absent: counted just now.", nullable = true) Instant asOf) {
    }

    /** The member ids of a segment: {@code sql} selects one column, member_id, of members in force. */
    public record Selection(String sql, Map<String, Object> params) {
    }

    /** A stored segment. */
    @Schema(name = "Segment")
    public record View(long id, String name, SegmentDefinition definition, String createdBy, Instant createdAt, Instant updatedAt) {
    }

    @Schema(name = "SegmentInput")
    public record Input(
            @NotBlank(message = "{coalition.field.required}") @Size(max = 200, message = "{coalition.field.too-long}") String name,
            @NotNull(message = "{coalition.field.required}") SegmentDefinition definition) {
    }

    @Inject
    EntityManager em;

    @Inject
    SegmentCompiler compiler;

    @Inject
    MemberFilters members;

    @Inject
    PartnerService partners;

    @Inject
    PartnerScope scope;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    @Inject
    SegmentIndex index;

    /** Counts a definition (checked first); texts of any problem in Russian. */
    public Count count(SegmentDefinition definition, Long partnerId) {
        return count(definition, partnerId, Texts.of(Texts.RUSSIAN));
    }

    /**
     * Counts in a transaction of its own (whatever the caller's): a partner's count runs in the partner's
     * row-level-security scope and under a statement timeout, neither of which may leak into the caller's transaction.
     */
    public Count count(SegmentDefinition definition, Long partnerId, Texts texts) {
        Partner partner = partnerId == null ? null : partners.cachedById(partnerId).orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND));
        SegmentCompiler.Compiled compiled = compiler.compile(definition, partner, texts);
        Optional<SegmentSnapshot> snapshot = index.current();
        if (snapshot.isPresent()) {
            return shown(partner, count(compiled, snapshot.get()), snapshot.get().asOf());
        }
        long n = QuarkusTransaction.requiringNew().call(() -> {
            em.createNativeQuery("select set_config('statement_timeout', '30s', true), set_config('work_mem', :wm, true)")
                    .setParameter("wm", WORK_MEM).getResultList();
            if (partner != null) {
                scope.enter(partner);
            }
            Query q = em.createNativeQuery(members.countActive(compiled.predicate()));
            compiled.params().values().forEach(q::setParameter);
            return ((Number) q.getSingleResult()).longValue();
        });
        return shown(partner, n, null);
    }

    /** The members in force a compiled definition holds for in a snapshot. */
    static long count(SegmentCompiler.Compiled compiled, SegmentSnapshot snapshot) {
        java.util.BitSet members = compiled.bits().apply(snapshot);
        members.and(snapshot.members().active());
        return members.cardinality();
    }

    /** Counts a definition over a snapshot, whatever the base's size (SegmentIndexTest compares it with SQL's count). */
    public Count count(SegmentDefinition definition, Long partnerId, SegmentSnapshot snapshot) {
        Partner partner = partnerId == null ? null : partners.cachedById(partnerId).orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND));
        return shown(partner, count(compiler.compile(definition, partner, Texts.of(Texts.RUSSIAN)), snapshot), snapshot.asOf());
    }

    private static Count shown(Partner partner, long n, Instant asOf) {
        if (partner != null && n < MIN_PARTNER_COUNT) {
            return new Count(null, MIN_PARTNER_COUNT, asOf);
        }
        return new Count(n, null, asOf);
    }

    /** The members of a stored segment as SQL (evaluated by whoever runs it, e.g. when a campaign starts). */
    public Selection selection(long segmentId) {
        Segment s = Segment.findById(segmentId);
        if (s == null) {
            throw new ProblemException(ErrorCode.SEGMENT_NOT_FOUND);
        }
        Partner partner = s.partnerId == null ? null : partners.cachedById(s.partnerId).orElseThrow();
        SegmentCompiler.Compiled compiled = compiler.compile(read(s.definition), partner, Texts.of(Texts.RUSSIAN));
        return new Selection(members.activeMembers(compiled.predicate()), compiled.params().values());
    }

    /** The operator's segments (null) or one partner's, by name. */
    public List<View> list(Long partnerId) {
        List<Segment> found = partnerId == null ? Segment.list("partnerId is null order by name, id")
                : Segment.list("partnerId = ?1 order by name, id", partnerId);
        return found.stream().map(this::view).toList();
    }

    /** A segment of the operator (partnerId null) or of that partner; anyone else's is not found. */
    public View find(Long partnerId, long id) {
        return view(owned(partnerId, id));
    }

    public View create(Long partnerId, Input input, String by, Texts texts) {
        check(partnerId, input, texts);
        Segment s = new Segment();
        s.partnerId = partnerId;
        s.name = input.name().strip();
        s.definition = write(input.definition());
        s.createdBy = by;
        s.createdAt = clock.instant();
        s.updatedAt = s.createdAt;
        s.persist();
        return view(s);
    }

    public View update(Long partnerId, long id, Input input, Texts texts) {
        Segment s = owned(partnerId, id);
        check(partnerId, input, texts);
        s.name = input.name().strip();
        s.definition = write(input.definition());
        s.updatedAt = clock.instant();
        return view(s);
    }

    public void delete(Long partnerId, long id) {
        Segment s = owned(partnerId, id);
        Number used = (Number) em.createNativeQuery("select count(*) from campaign where segment_id = :id").setParameter("id", s.id)
                .getSingleResult();
        if (used.longValue() > 0) {
            throw new ProblemException(ErrorCode.SEGMENT_IN_USE);
        }
        s.delete();
    }

    private void check(Long partnerId, Input input, Texts texts) {
        if (input == null || input.name() == null || input.name().isBlank() || input.name().length() > 200) {
            String key = input == null || input.name() == null || input.name().isBlank() ? "coalition.field.required" : "coalition.field.too-long";
            throw new ProblemException(ErrorCode.VALIDATION, List.of(new Problem.FieldError("name", texts.problem(key))));
        }
        if (input.definition() == null) {
            throw new ProblemException(ErrorCode.VALIDATION, List.of(new Problem.FieldError("definition", texts.problem("coalition.field.required"))));
        }
        Partner partner = partnerId == null ? null : partners.cachedById(partnerId).orElseThrow();
        try {
            compiler.compile(input.definition(), partner, texts);
        } catch (ProblemException e) {
            // field names as the request has them: under "definition"
            throw new ProblemException(e.code(), e.fieldErrors().stream()
                    .map(f -> new Problem.FieldError("definition." + f.field(), f.message())).toList(), e.args());
        }
    }

    private Segment owned(Long partnerId, long id) {
        Segment s = Segment.findById(id);
        if (s == null || !java.util.Objects.equals(s.partnerId, partnerId)) {
            throw new ProblemException(ErrorCode.SEGMENT_NOT_FOUND);
        }
        return s;
    }

    private View view(Segment s) {
        return new View(s.id, s.name, read(s.definition), s.createdBy, s.createdAt, s.updatedAt);
    }

    SegmentDefinition read(String definition) {
        try {
            return json.readValue(definition, SegmentDefinition.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored segment definition is unreadable", e);
        }
    }

    String write(SegmentDefinition definition) {
        try {
            return json.writeValueAsString(definition);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
