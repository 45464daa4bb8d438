package ru.coalition.purchases;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;
import ru.coalition.platform.MigrationSettings;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The rolling update across the partitioning (docs/scaling.md "Partitioning"), on a database of its own: at V49
 * (DB_MIGRATE_UP_TO=49) the previous version's purchase write and this version's work side by side and see each other's
 * receipts as replays; the rest of the migrations then run with those rows in place, after which this version's write
 * goes on and the previous version's no longer can.
 */
@QuarkusTest
class TwoStepRolloutTest {

    /** The previous version's purchase write, reduced to its purchase: its replay check was this constraint. */
    static final String PREVIOUS_WRITE = """
            insert into purchase (public_id, partner_id, receipt_id, member_id, wallet_id, program_version_id, occurred_at,
                                  fingerprint, total, points, activates_at, response, created_at)
            values (gen_random_uuid(), 1, ?, 1, 1, 1, now(), 'f', 10000, 100, now(), '{}', now())
            on conflict on constraint purchase_receipt_unique do nothing""";

    @Inject
    MigrationSettings settings;

    @Inject
    javax.sql.DataSource dataSource;

    @ConfigProperty(name = "quarkus.datasource.username")
    String user;

    @ConfigProperty(name = "quarkus.datasource.password")
    String password;

    @Test
    void bothVersionsWriteAtV49AndTheRestMigratesUnderTheRowsTheyWrote() throws Exception {
        String db = "rollout_" + Long.toHexString(System.nanoTime());
        String url;
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            url = c.getMetaData().getURL().replaceFirst("/[^/?]+(\\?|$)", "/" + db + "$1");
            s.execute("create database " + db);
        }
        try {
            assertEquals("49", migrate(url, "49"));
            try (Connection c = DriverManager.getConnection(url, user, password)) {
                seed(c);
                assertEquals(1, previousWrite(c, "OLD-1"));
                assertEquals(List.of("NEW-1"), write(c, "NEW-1"));
                // each sees the other's receipt as stored: the registry holds both
                assertEquals(0, previousWrite(c, "NEW-1"));
                assertEquals(List.of(), write(c, "OLD-1"));
                assertEquals(2, count(c, "select count(*) from purchase_receipt r join purchase p on p.id = r.purchase_id"));
            }

            migrate(url, null);
            try (Connection c = DriverManager.getConnection(url, user, password)) {
                assertEquals("p", single(c, "select relkind::text from pg_class where relname = 'purchase'"));
                assertEquals(List.of("NEW-2"), write(c, "NEW-2"));
                assertEquals(List.of(), write(c, "OLD-1"), "a receipt of the previous version is still a replay");
                assertEquals(List.of(), write(c, "NEW-1"));
                assertThrows(SQLException.class, () -> previousWrite(c, "OLD-2"), "why the rollout takes two steps");
                assertEquals(3, count(c, "select count(*) from purchase"));
                assertEquals(3, count(c, "select count(*) from purchase_receipt r join purchase p on p.id = r.purchase_id"
                        + " and p.partner_id = r.partner_id and p.receipt_id = r.receipt_id"));
                assertEquals(3, count(c, "select count(*) from ledger_entry"));
                assertEquals(1, count(c, "select count(*) from wallet where balance = (select sum(amount) from ledger_entry)"));
            }
        } finally {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute("drop database if exists " + db + " with (force)");
            }
        }
    }

    private String migrate(String url, String target) {
        FluentConfiguration configuration = Flyway.configure().dataSource(url, user, password).locations("classpath:db/migration");
        settings.customize(configuration);
        if (target != null) {
            configuration.target(target);
        }
        Flyway flyway = configuration.load();
        flyway.migrate();
        return flyway.info().current().getVersion().getVersion();
    }

    private static void seed(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("insert into partner (slug, name, wallet_scope, source, created_at, updated_at) values ('p1', 'P', 'COALITION', 'FILE', now(), now())");
            s.execute("insert into member (public_id, card_number, preferred_channel, registered_at, status, deleted_at)"
                    + " values (gen_random_uuid(), 'C1', 'email', now(), 'DELETED', now())");
            s.execute("insert into wallet (member_id, created_at) values (1, now())");
            s.execute("insert into program_version (partner_id, effective_from, definition, checksum, created_at) values (1, '2026-01-01', '{}', 'x', now())");
        }
    }

    private static int previousWrite(Connection c, String receipt) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(PREVIOUS_WRITE)) {
            s.setString(1, receipt);
            int n = s.executeUpdate();
            if (n == 1) {
                try (Statement e = c.createStatement()) {
                    e.execute("insert into ledger_entry (wallet_id, member_id, partner_id, kind, amount, activates_at, created_at, source_type, source_id)"
                            + " select 1, 1, 1, 'ACCRUAL', 100, now(), now(), 'purchase', id from purchase where receipt_id = '" + receipt + "'");
                    e.execute("update wallet set balance = balance + 100");
                }
            }
            return n;
        }
    }

    /** This version's write (PurchaseStatements.write): the receipts it stored. */
    private static List<String> write(Connection c, String receipt) throws SQLException {
        Instant now = Instant.now();
        var row = new PurchaseStatements.Row(UUID.randomUUID(), receipt, 1, 1, 1, now, "f", 10000, 0, 0, BigDecimal.ONE, 100, now, "{}",
                List.of(new PurchaseStatements.LineRow(1, "SKU", null, null, false, 10000)),
                List.of(new PurchaseStatements.EntryRow("ACCRUAL", 100, now, null, null)), false);
        return List.copyOf(PurchaseStatements.write(c, 1, now, List.of(row)).purchaseIds().keySet());
    }

    private static long count(Connection c, String sql) throws SQLException {
        return Long.parseLong(single(c, sql));
    }

    private static String single(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getString(1);
        }
    }
}
