package ru.coalition.redemptions;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import ru.coalition.ledger.EntryKind;
import ru.coalition.ledger.LedgerService;
import ru.coalition.members.Member;
import ru.coalition.members.MemberService;
import ru.coalition.partners.Partner;
import ru.coalition.partners.PartnerScope;
import ru.coalition.platform.CoalitionConfig;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.Idempotency;
import ru.coalition.platform.Problem;
import ru.coalition.platform.ProblemException;
import ru.coalition.platform.RateLimiter;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Paying with points at a partner: never takes the spendable balance below zero. */
@ApplicationScoped
public class RedemptionService {

    @Schema(name = "RedemptionAnswer")
    public record Answer(UUID redemptionUuid, String redemptionId, String wallet, long points, long activeAfter) {
    }

    @Inject
    CoalitionConfig config;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    ObjectMapper json;

    @Inject
    MemberService members;

    @Inject
    LedgerService ledger;

    @Inject
    PaymentCodeService codes;

    @Inject
    RateLimiter limiter;

    @Inject
    PartnerScope scope;

    static final Duration THROTTLE_WINDOW = Duration.ofMinutes(10);


    @Transactional
    public Idempotency.Answer redeem(Partner partner, RedemptionRequest r) {
        scope.enter(partner);
        Member member = members.resolve(r.member());
        String fingerprint = member.id + "|" + r.points() + "|" + r.receiptId();
        // The code is six digits, so wrong codes are counted per member and partner (one partner's wrong guesses
        // cannot lock the member out at every other partner). Attempts for one member at one partner take turns
        // here: each sees the count the previous one left and the redemption it may have made, so N parallel wrong
        // codes count N and a parallel repeat of a redemption is its replay.
        em.createNativeQuery("select pg_advisory_xact_lock(hashtext('redemption'), hashtext(:k))")
                .setParameter("k", member.id + ":" + partner.id).getSingleResult();
        Optional<Idempotency.Answer> replay = replayOf(partner, r.redemptionId(), fingerprint);
        if (replay.isPresent()) {
            return replay.get();
        }
        String failures = "payment-code:" + member.id + ":" + partner.id;
        RateLimiter.Hit room = limiter.peek(failures, config.paymentCode().attempts(), THROTTLE_WINDOW);
        if (!room.allowed()) {
            throw new ProblemException(ErrorCode.REDEMPTION_THROTTLED).retryAfter(room.retryAfterSeconds());
        }
        if (!codes.use(member.id, r.code())) {
            limiter.hit(failures, config.paymentCode().attempts(), THROTTLE_WINDOW);
            throw new ProblemException(ErrorCode.REDEMPTION_BAD_CODE, List.of(new Problem.FieldError("code", null)));
        }
        Long walletPartner = partner.walletPartnerId();
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
            throw new ProblemException(ErrorCode.REDEMPTION_IN_PROGRESS, r.redemptionId());
        }
        long id = ((Number) ids.get(0)).longValue();
        long after = ledger.spend(walletId, member.id, new LedgerService.Entry(EntryKind.REDEMPTION, -r.points(), now,
                partner.id, "redemption", id, r.receiptId()), ErrorCode.REDEMPTION_INSUFFICIENT);
        String response = Idempotency.write(json, new Answer(publicId, r.redemptionId(), partner.walletName(),
                r.points(), after));
        em.createNativeQuery("update redemption set response = cast(:resp as jsonb) where id = :id")
                .setParameter("resp", response).setParameter("id", id).executeUpdate();
        return new Idempotency.Answer(response, false);
    }

    private Optional<Idempotency.Answer> replayOf(Partner partner, String redemptionId, String fingerprint) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select fingerprint, cast(response as text) from redemption"
                        + " where partner_id = :p and redemption_id = :r")
                .setParameter("p", partner.id).setParameter("r", redemptionId).getResultList();
        return Idempotency.replay(rows.stream().findFirst().map(x -> new Idempotency.Stored((String) x[0], (String) x[1])),
                fingerprint, ErrorCode.REDEMPTION_CONFLICT, redemptionId);
    }
}
