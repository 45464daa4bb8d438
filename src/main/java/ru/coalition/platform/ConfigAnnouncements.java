package ru.coalition.platform;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * What PostgreSQL announced on channel coalition_config (partners.ConfigListener), for the caches of features below
 * partners: each announcement, and each time the listener connects or loses its connection, starts a new generation.
 * A cache keeps an answer together with the generation it was read in and serves it only while that generation lasts
 * and the listener is connected.
 */
@ApplicationScoped
public class ConfigAnnouncements {

    private volatile long generation;
    private volatile boolean listening;

    public long generation() {
        return generation;
    }

    public boolean listening() {
        return listening;
    }

    /** Whether an answer read in {@code generation} may still be served. */
    public boolean current(long generation) {
        return listening && generation == this.generation;
    }

    public synchronized void announced() {
        generation++;
    }

    public synchronized void listening(boolean on) {
        listening = on;
        generation++;
    }
}
