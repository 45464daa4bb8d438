package ru.coalition.mailings;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * The mailto: half of List-Unsubscribe: the mail client sends "unsubscribe TOKEN" to the address of
 * {@code coalition.mailings.unsubscribe-address}, which is the bounce mailbox (MAILING_UNSUBSCRIBE_ADDRESS is set to
 * it). The bounce poller hands every mail that is no bounce report here; a genuine token withdraws its consent.
 * Repeats are harmless: a consent already withdrawn stays withdrawn.
 */
@ApplicationScoped
public class MailtoUnsubscribes {

    private static final Logger LOG = Logger.getLogger(MailtoUnsubscribes.class);

    @Inject
    Unsubscribes unsubscribes;

    void onMail(@Observes NonBounceMail mail) {
        if (unsubscribes.byMail(mail.subject(), mail.from())) {
            LOG.infof("Unsubscribed by mail %s", mail.messageId());
        }
    }
}
