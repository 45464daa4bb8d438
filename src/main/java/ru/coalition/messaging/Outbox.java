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

    @Transactional(Transactional.TxType.MANDATORY)
    public void sms(String kind, String phone, String text, Long memberId, boolean sensitive) {
        newMessage(OutboxMessage.Channel.SMS, kind, phone, text, memberId, sensitive).persist();
    }

    /** A service message by the channel the member chose; SMS also when they gave no e-mail. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void toMember(String preferredChannel, String phone, String email, Long memberId, String kind, String smsText,
                         String subject, java.util.function.Supplier<String> html) {
        if ("sms".equals(preferredChannel) || email == null) {
            sms(kind, phone, smsText, memberId, false);
        } else {
            email(kind, email, subject, html.get(), memberId, false);
        }
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
