package ru.coalition.members;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import ru.coalition.identity.KeycloakUsers;
import ru.coalition.identity.RevokedSessions;
import ru.coalition.messaging.Outbox;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.ProblemException;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * A member deletes their account (152-FZ): the row stays, so the ledger keeps every entry with its wallet and amount
 * untouched, but nothing in it names the person any more. Names, phone, e-mail, birth date, city, the questionnaire's
 * answers and the referral code are gone; the card number and the public id are replaced by values no till knows, so
 * no partner finds the member again; every consent in force is withdrawn (appended, as always); pending messages to
 * them never go out; their Keycloak user is deleted, which ends every session. Keycloak is asked last, inside the
 * transaction: if it refuses, nothing here is written.
 */
@ApplicationScoped
@Transactional
public class MemberErasure {

    private static final Logger LOG = Logger.getLogger(MemberErasure.class);

    @Inject
    KeycloakUsers keycloakUsers;

    @Inject
    Outbox outbox;

    @Inject
    jakarta.enterprise.event.Event<MemberErased> erased;

    @Inject
    RevokedSessions revoked;

    @Inject
    Clock clock;

    public void erase(long memberId, String source, String clientAddress) {
        Member m = Member.findById(memberId, LockModeType.PESSIMISTIC_WRITE);
        if (m == null || !Member.ACTIVE.equals(m.status)) {
            throw new ProblemException(ErrorCode.MEMBER_NOT_FOUND);
        }
        Instant now = clock.instant();
        String keycloakId = m.keycloakId;
        // every consent in force is withdrawn, personal data first
        java.util.Map<Consent.Kind, Boolean> inForce = MemberSettings.state(m.id);
        for (Consent.Kind kind : Consent.Kind.values()) {
            if (inForce.get(kind)) {
                MemberSettings.record(m.id, kind, false, now, source, clientAddress);
            }
        }
        ContactChange.delete("memberId", m.id);
        outbox.forget(m.id);
        erased.fire(new MemberErased(m.id));
        m.status = Member.DELETED;
        m.deletedAt = now;
        m.keycloakId = null;
        m.publicId = UUID.randomUUID();
        // 16 characters like a card, but never digits only: no till's card number matches it
        m.cardNumber = "X" + String.format("%015d", m.id);
        m.lastName = null;
        m.firstName = null;
        m.middleName = null;
        m.phone = null;
        m.email = null;
        m.birthDate = null;
        m.gender = null;
        m.city = null;
        m.socialStatus = null;
        m.incomeBracket = null;
        m.referralCode = null;
        m.referredBy = null;
        Member.flush();
        if (keycloakId != null) {
            // a session open in another browser stops at its next page, not when its token would expire
            revoked.revoke(keycloakId, "member-deleted");
            keycloakUsers.deleteForGood(keycloakId);
        }
        LOG.infof("Member %d deleted their account (%s)", m.id, source);
    }
}
