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

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * The segment compiler outside the app, for the segment benchmark (ru.coalition.bench.SegmentBenchmark): the same
 * classes that compile a definition in the app, wired by hand, with partners given by slug and id.
 */
public final class SegmentSql {

    private SegmentSql() {
    }

    /** The count statement of a definition and its named parameters (partnerId: a partner's segment). */
    public static Map.Entry<String, Map<String, Object>> count(SegmentDefinition definition, Map<String, Long> partnerIds, Long partnerId,
                                                              Clock clock) {
        SegmentCompiler c = new SegmentCompiler();
        c.members = new MemberFilters();
        c.consents = new MemberConsents();
        c.activity = new PurchaseActivity();
        c.tiers = new TierFilters();
        c.balances = new BalanceFilters();
        c.clock = clock;
        c.config = (CoalitionConfig) Proxy.newProxyInstance(SegmentSql.class.getClassLoader(), new Class<?>[] {CoalitionConfig.class},
                (proxy, method, args) -> "operatorZone".equals(method.getName()) ? "Europe/Moscow" : null);
        c.partners = new PartnerService() {
            @Override
            public Optional<Partner> cachedBySlug(String slug) {
                return Optional.ofNullable(partnerIds.get(slug)).map(id -> partner(slug, id));
            }
        };
        Partner scope = null;
        if (partnerId != null) {
            String slug = partnerIds.entrySet().stream().filter(e -> e.getValue().equals(partnerId)).findFirst().orElseThrow().getKey();
            scope = partner(slug, partnerId);
        }
        SegmentCompiler.Compiled compiled = c.compile(definition, scope, Texts.of(Texts.RUSSIAN));
        return Map.entry(c.members.countActive(compiled.predicate()), compiled.params().values());
    }

    private static Partner partner(String slug, long id) {
        Partner p = new Partner();
        p.id = id;
        p.slug = slug;
        return p;
    }
}
