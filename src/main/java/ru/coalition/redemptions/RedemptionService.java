package ru.coalition.redemptions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import ru.coalition.ledger.EntryKind;
import ru.coalition.ledger.LedgerService;
import ru.coalition.members.Member;
import ru.coalition.members.MemberService;
import ru.coalition.partners.Partner;
import ru.coalition.partners.PartnerService;
import ru.coalition.partners.ProgramDefinition;
import ru.coalition.platform.Problem;
import ru.coalition.platform.ProblemException;
import ru.coalition.platform.RateLimiter;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Paying with points at a partner: never takes the spendable balance below zero. */
@ApplicationScoped
public class RedemptionService {

    public record Answer(UUID redemptionUuid, String redemptionId, String wallet, long points, long activeAfter) {
    }

    /** The stored answer and whether this call replayed it. */
    public record Redeemed(String json, boolean replay) {
    }

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    ObjectMapper json;

    @Inject
    MemberService members;

    @Inject
    PartnerService partners;

    @Inject
    LedgerService ledger;

    @Inject
    PaymentCodeService codes;

    @Inject
    RateLimiter limiter;

    @ConfigProperty(name = "coalition.payment-code.attempts", defaultValue = "5")
    int attempts;

    @Transactional
    public Redeemed redeem(Partner partner, RedemptionRequest r) {
        Member member = members.resolve(r.member());
        String fingerprint = member.id + "|" + r.points() + "|" + r.receiptId();
        var replay = replayOf(partner, r.redemptionId(), fingerprint);
        if (replay != null) {
            return replay;
        }
        // the code is six digits: wrong codes are counted, and after a few the member's codes stop working for a while
        String failures = "payment-code:" + member.id;
        if (limiter.exhausted(failures, attempts, Duration.ofMinutes(10))) {
            throw new ProblemException(429, "redemption.throttled");
        }
        if (!codes.use(member.id, r.code())) {
            // a parallel post of this same redemption may have used the code a moment ago
            replay = replayOf(partner, r.redemptionId(), fingerprint);
            if (replay != null) {
                return replay;
            }
            limiter.tryAcquire(failures, attempts, Duration.ofMinutes(10));
            throw new ProblemException(422, "redemption.bad-code", List.of(new Problem.FieldError("code", null)));
        }
        ProgramDefinition program = partners.currentProgram(partner)
                .orElseThrow(() -> new ProblemException(422, "purchase.no-program", partner.name));
        Long walletPartner = program.walletPartnerOf(partner.id);
        long walletId = ledger.walletId(member.id, walletPartner);
        Instant now = clock.instant();
        UUID publicId = UUID.randomUUID();
        List<?> ids = em.createNativeQuery("insert into redemption (public_id, partner_id, redemption_id, member_id, wallet_id,"
                        + " points, receipt_id, fingerprint, response, created_at) values (:pub, :p, :r, :m, :w, :pts, :rc, :f,"
                        + " '{}'::jsonb, :now) on conflict on constraint redemption_unique do nothing returning id")
                .setParameter("pub", publicId).setParameter("p", partner.id).setParameter("r", r.redemptionId())
                .setParameter("m", member.id).setParameter("w", walletId).setParameter("pts", r.points())
                .setParameter("rc", r.receiptId() == null ? "" : r.receiptId()).setParameter("f", fingerprint)
                .setParameter("now", now).getResultList();
        if (ids.isEmpty()) {
            throw new ProblemException(409, "redemption.in-progress", r.redemptionId());
        }
        long id = ((Number) ids.get(0)).longValue();
        long after = ledger.spend(walletId, member.id, new LedgerService.Entry(EntryKind.REDEMPTION, -r.points(), now,
                partner.id, "redemption", id, r.receiptId()), "redemption.insufficient");
        String response = write(new Answer(publicId, r.redemptionId(), walletPartner == null ? "coalition" : partner.slug,
                r.points(), after));
        em.createNativeQuery("update redemption set response = cast(:resp as jsonb) where id = :id")
                .setParameter("resp", response).setParameter("id", id).executeUpdate();
        return new Redeemed(response, false);
    }

    private Redeemed replayOf(Partner partner, String redemptionId, String fingerprint) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select fingerprint, cast(response as text) from redemption"
                        + " where partner_id = :p and redemption_id = :r")
                .setParameter("p", partner.id).setParameter("r", redemptionId).getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        if (!rows.get(0)[0].equals(fingerprint)) {
            throw ProblemException.conflict("redemption.conflict", redemptionId);
        }
        return new Redeemed((String) rows.get(0)[1], true);
    }

    private String write(Object o) {
        try {
            return json.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
