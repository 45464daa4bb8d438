package ru.coalition.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;

/** Queues e-mails and SMS in the caller's transaction; {@link OutboxDispatcher} delivers them. */
@ApplicationScoped
public class Outbox {

    @Inject
    Clock clock;

    @Transactional(Transactional.TxType.MANDATORY)
    public void email(String kind, String to, String subject, String htmlBody, Long memberId, boolean sensitive) {
        OutboxMessage m = newMessage(OutboxMessage.Channel.EMAIL, kind, to, htmlBody, memberId, sensitive);
        m.subject = subject;
        m.html = true;
        m.persist();
    }

    /**
     * A plain-text e-mail with headers of its own (Message-ID, In-Reply-To, References for threading; From and Reply-To
     * when it is not from the default sender), as the support desk's replies are.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void emailText(String kind, String to, String subject, String text, Long memberId, java.util.Map<String, String> headers) {
        OutboxMessage m = newMessage(OutboxMessage.Channel.EMAIL, kind, to, text, memberId, false);
        m.subject = subject;
        m.html = false;
        m.headers = headers == null || headers.isEmpty() ? null : new java.util.LinkedHashMap<>(headers);
        m.persist();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void sms(String kind, String phone, String text, Long memberId, boolean sensitive) {
        newMessage(OutboxMessage.Channel.SMS, kind, phone, text, memberId, sensitive).persist();
    }

    /**
     * A service message by the channel the member chose; SMS also when they gave no e-mail. A member with neither (an
     * account deleted meanwhile) gets nothing, and the job that wrote the message goes on.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void toMember(String preferredChannel, String phone, String email, Long memberId, String kind, String smsText,
                         String subject, java.util.function.Supplier<String> html) {
        if (phone == null && email == null) {
            return;
        }
        if ("sms".equals(preferredChannel) || email == null) {
            sms(kind, phone, smsText, memberId, false);
        } else {
            email(kind, email, subject, html.get(), memberId, false);
        }
    }

    /**
     * A deleted member's messages keep no address or text: those not yet sent never go out, the rest stay as counts
     * (kind, channel, times) without what identified the person.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void forget(long memberId) {
        OutboxMessage.update("status = case when status = ?1 then ?2 else status end, recipient = '-', subject = null,"
                + " body = null, lastError = case when status = ?1 then 'member deleted' else lastError end where memberId = ?3",
                OutboxMessage.Status.PENDING, OutboxMessage.Status.DEAD, memberId);
    }

    private OutboxMessage newMessage(OutboxMessage.Channel channel, String kind, String to, String body, Long memberId,
                                     boolean sensitive) {
        OutboxMessage m = new OutboxMessage();
        m.channel = channel;
        m.kind = kind;
        m.recipient = to;
        m.body = body;
        m.memberId = memberId;
        m.sensitive = sensitive;
        m.createdAt = clock.instant();
        m.nextAttemptAt = m.createdAt;
        return m;
    }
}
