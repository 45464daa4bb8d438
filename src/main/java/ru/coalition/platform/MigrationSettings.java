package ru.coalition.platform;

import io.quarkus.flyway.FlywayConfigurationCustomizer;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * How the migrations run: with Flyway's session-level lock, and up to DB_MIGRATE_UP_TO if set. A change the running
 * version cannot live with comes in two steps on a live installation: a rolling update stops before it, so old and new
 * replicas share a schema both can use; the next update, with every replica new, applies the rest (docs/scaling.md
 * "Partitioning": 49, then all).
 */
@Singleton
public class MigrationSettings implements FlywayConfigurationCustomizer {

    @Inject
    CoalitionConfig config;

    @Override
    public void customize(FluentConfiguration configuration) {
        // Flyway's default lock keeps a transaction open for the whole run, and CREATE INDEX CONCURRENTLY (V49) waits
        // for every open transaction to end: with it, the run would wait on itself. The session-level lock does not.
        configuration.configuration(java.util.Map.of("flyway.postgresql.transactional.lock", "false"));
        config.database().migrateUpTo().filter(v -> !v.isBlank()).ifPresent(configuration::target);
    }
}
