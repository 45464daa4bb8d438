package ru.coalition.partners;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * Listens on PostgreSQL channel coalition_config on a connection of its own (not the pool's: it is held for the
 * replica's life) and drops {@link PartnerCache} (and starts a new generation of
 * {@link ru.coalition.platform.ConfigAnnouncements} for the other caches) on every announcement, so a change made on any replica takes effect
 * on all within the notification's delivery time. A lost connection turns the cache off until it is back.
 */
@ApplicationScoped
public class ConfigListener {

    static final String CHANNEL = "coalition_config";
    private static final Logger LOG = Logger.getLogger(ConfigListener.class);
    private static final int WAIT_MILLIS = 500;
    /** A live check of an idle connection every so many waits: a silent network loss shows up as an error. */
    private static final int PING_EVERY = 20;

    @Inject
    PartnerCache cache;

    @Inject
    ru.coalition.platform.ConfigAnnouncements announcements;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;

    @ConfigProperty(name = "quarkus.datasource.username")
    Optional<String> user;

    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> password;

    private volatile boolean running;
    private Thread thread;

    void start(@Observes StartupEvent started) {
        running = true;
        thread = Thread.ofPlatform().daemon().name("coalition-config-listener").start(this::listen);
    }

    void stop(@Observes ShutdownEvent stopping) {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void listen() {
        while (running) {
            try (Connection c = DriverManager.getConnection(url, user.orElse(null), password.orElse(null));
                 Statement s = c.createStatement()) {
                s.execute("listen " + CHANNEL);
                // whatever changed while we were not listening is unknown: start empty
                cache.listening(true);
                announcements.listening(true);
                PGConnection pg = c.unwrap(PGConnection.class);
                for (int wait = 1; running; wait++) {
                    PGNotification[] changes = pg.getNotifications(WAIT_MILLIS);
                    if (changes != null && changes.length > 0) {
                        // a revoked session's announcement drops the partners too: rare enough not to tell apart
                        cache.invalidate();
                        announcements.announced();
                    }
                    if (wait % PING_EVERY == 0) {
                        s.execute("select 1");
                    }
                }
            } catch (SQLException | RuntimeException e) {
                cache.listening(false);
                announcements.listening(false);
                if (running) {
                    LOG.warnf("partner cache off: no connection for %s (%s); retrying", CHANNEL, e.getMessage());
                    pause();
                }
            }
        }
        cache.listening(false);
        announcements.listening(false);
    }

    private void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
