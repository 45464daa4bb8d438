package ru.coalition.mailings;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Collects, in tests, the mails the bounce mailbox hands on as {@link NonBounceMail} events. */
@ApplicationScoped
public class NonBounceMails {

    final List<NonBounceMail> seen = new CopyOnWriteArrayList<>();

    void on(@Observes NonBounceMail mail) {
        seen.add(mail);
    }
}
