package ru.coalition.mailings;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Collects, in tests, the mails the bounce mailbox hands on as {@link NonBounceMail} events. */
@ApplicationScoped
public class NonBounceMails {

    private final List<NonBounceMail> seen = new CopyOnWriteArrayList<>();

    /** The mails handed on so far (a method: the test holds a client proxy, whose fields are not the bean's). */
    public List<NonBounceMail> seen() {
        return List.copyOf(seen);
    }

    public void clear() {
        seen.clear();
    }

    void on(@Observes NonBounceMail mail) {
        seen.add(mail);
    }
}
