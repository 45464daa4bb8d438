package ru.coalition.members;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import ru.coalition.messaging.Outbox;

import java.util.function.Supplier;

/**
 * Service notices: messages about the member's own account that the member did not ask for at that moment and may
 * refuse in the consent centre (serviceEmail, serviceSms; given by default): an offer made, points about to lapse, the
 * birthday greeting, the survey after a ticket. They go by the member's chosen channel and only while that channel's
 * service consent is in force; there is no fallback to the other channel (a member who says "no service e-mails" does
 * not start getting SMS instead).
 *
 * <p>Essential messages always go and do not pass here: passwords, confirmation codes, a voucher the member bought,
 * the replies to a ticket the member wrote (docs/mailings.md "Consents").
 */
@ApplicationScoped
public class ServiceNotices {

    @Inject
    Outbox outbox;

    /** Queues the notice in the caller's transaction when the consent of its channel is in force; true when queued. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean toMember(Member m, String kind, String smsText, String subject, Supplier<String> html) {
        if (m.phone == null && m.email == null) {
            return false;
        }
        boolean sms = "sms".equals(m.preferredChannel) || m.email == null;
        Consent.Kind needed = sms ? Consent.Kind.SERVICE_SMS : Consent.Kind.SERVICE_EMAIL;
        if (!MemberSettings.state(m.id).get(needed)) {
            return false;
        }
        outbox.toMember(m.preferredChannel, m.phone, m.email, m.id, kind, smsText, subject, html);
        return true;
    }

    /** An e-mail-only notice (the survey after a ticket): queued when serviceEmail is in force; true when queued. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean email(Member m, String kind, String subject, String html) {
        if (m.email == null || !MemberSettings.state(m.id).get(Consent.Kind.SERVICE_EMAIL)) {
            return false;
        }
        outbox.email(kind, m.email, subject, html, m.id, false);
        return true;
    }

    /** Whether this member's service notices may go by this channel now. */
    public boolean allowed(long memberId, Consent.Channel channel) {
        return MemberSettings.state(memberId).get(Consent.Kind.of(Consent.Purpose.SERVICE, channel));
    }
}
