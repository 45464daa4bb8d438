package ru.coalition.mailings;

import ru.coalition.ledger.BalanceFilters;
import ru.coalition.members.MemberConsents;
import ru.coalition.members.MemberFilters;
import ru.coalition.partners.Partner;
import ru.coalition.partners.PartnerService;
import ru.coalition.platform.CoalitionConfig;
import ru.coalition.platform.Texts;
import ru.coalition.purchases.PurchaseActivity;
import ru.coalition.tiers.TierFilters;

import javax.sql.DataSource;
import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * The segment compiler and the snapshot outside the app, for the segment benchmark (ru.coalition.bench.SegmentBenchmark):
 * the same classes that compile a definition, read a snapshot and count over it in the app, wired by hand, with
 * partners given by slug and id.
 */
public final class SegmentSql {

    private final SegmentCompiler compiler = new SegmentCompiler();
    private final Map<String, Long> partnerIds;

    public SegmentSql(DataSource db, Map<String, Long> partnerIds, Clock clock) {
        this.partnerIds = partnerIds;
        compiler.members = inject(new MemberFilters(), db, clock);
        compiler.consents = new MemberConsents();
        compiler.activity = inject(new PurchaseActivity(), db, clock);
        compiler.tiers = inject(new TierFilters(), db, clock);
        compiler.balances = inject(new BalanceFilters(), db, clock);
        compiler.clock = clock;
        compiler.config = (CoalitionConfig) Proxy.newProxyInstance(SegmentSql.class.getClassLoader(), new Class<?>[] {CoalitionConfig.class},
                (proxy, method, args) -> "operatorZone".equals(method.getName()) ? "Europe/Moscow" : null);
        compiler.partners = new PartnerService() {
            @Override
            public Optional<Partner> cachedBySlug(String slug) {
                return Optional.ofNullable(partnerIds.get(slug)).map(id -> partner(slug, id));
            }
        };
    }

    /** The count statement of a definition and its named parameters (partnerId: a partner's segment). */
    public Map.Entry<String, Map<String, Object>> count(SegmentDefinition definition, Long partnerId) {
        SegmentCompiler.Compiled compiled = compile(definition, partnerId);
        return Map.entry(compiler.members.countActive(compiled.predicate()), compiled.params().values());
    }

    /** Reads a snapshot as SegmentIndex does. */
    public SegmentSnapshot snapshot() {
        SegmentIndex index = new SegmentIndex();
        index.members = compiler.members;
        index.activity = compiler.activity;
        index.tiers = compiler.tiers;
        index.balances = compiler.balances;
        return index.load();
    }

    /** The count over a snapshot, as Segments.count makes it for a large base. */
    public long count(SegmentDefinition definition, Long partnerId, SegmentSnapshot snapshot) {
        return Segments.count(compile(definition, partnerId), snapshot);
    }

    private SegmentCompiler.Compiled compile(SegmentDefinition definition, Long partnerId) {
        Partner scope = null;
        if (partnerId != null) {
            String slug = partnerIds.entrySet().stream().filter(e -> e.getValue().equals(partnerId)).findFirst().orElseThrow().getKey();
            scope = partner(slug, partnerId);
        }
        return compiler.compile(definition, scope, Texts.of(Texts.RUSSIAN));
    }

    /** The app injects these; here they are set by hand (fields db and clock, where the class has them). */
    private static <T> T inject(T target, DataSource db, Clock clock) {
        for (Field f : target.getClass().getDeclaredFields()) {
            try {
                if (f.getType() == DataSource.class) {
                    f.setAccessible(true);
                    f.set(target, db);
                } else if (f.getType() == Clock.class) {
                    f.setAccessible(true);
                    f.set(target, clock);
                }
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        return target;
    }

    private static Partner partner(String slug, long id) {
        Partner p = new Partner();
        p.id = id;
        p.slug = slug;
        return p;
    }
}
