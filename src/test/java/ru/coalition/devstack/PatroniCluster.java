package ru.coalition.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A PostgreSQL primary and a synchronous standby run by Debian's Patroni over one etcd, all on loopback with ports and
 * data directories of their own, for the failover test, and optionally read replicas beside them: nodes tagged
 * {@code nofailover} and {@code nosync}, which Patroni never promotes nor makes synchronous, so a long read there may hold
 * back their replay (a long {@code max_standby_streaming_delay}) without slowing a failover (docs/scaling.md, "Long
 * snapshots"). As root everything runs as user nobody (Patroni and initdb
 * refuse root), like {@link EmbeddedPostgres}.
 * <p>
 * PostgreSQL here is Debian's own server (the newest {@code /usr/lib/postgresql/N/bin}), not the zonky binaries the
 * other tests use: Patroni needs {@code pg_basebackup} and {@code pg_controldata}, which the zonky archive leaves out.
 * {@code -Ddevstack.patroni.pg-bin=…} names another install.
 */
public final class PatroniCluster implements AutoCloseable {

    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";
    private static final int NOBODY = 65534;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * How long a read replica's replay may wait for the reads that need the row versions it would remove: longer than the
     * ledger audit takes at a million members under load (about 3 minutes).
     */
    static final String READ_REPLICA_REPLAY_DELAY = "15min";
    /**
     * A read replica stands in for a host of its own: its Patroni and PostgreSQL run at this niceness (19 unless
     * {@code -Ddevstack.patroni.replica-nice=N}), so on a machine shared with the primary, the standby and the app, its
     * long reads take the CPU they leave, as on a host of its own they would take none of theirs. Disks are not
     * separated: this machine's I/O scheduler (mq-deadline) ignores I/O priorities.
     */
    static final int READ_REPLICA_NICE = Integer.getInteger("devstack.patroni.replica-nice", 19);

    /** One Patroni node: its PostgreSQL port, its REST port and its directory (data, log, config); a read replica or not. */
    public record Node(String name, int pgPort, int apiPort, Path dir, boolean readReplica) {
        Path dataDir() {
            return dir.resolve("data");
        }
    }

    private final Path baseDir;
    private final boolean asNobody = Processes.isRoot();
    private final int etcdPort;
    private final int etcdPeerPort;
    private final List<Node> nodes = new ArrayList<>();
    private final List<Process> patronis = new ArrayList<>();
    private volatile Process etcd;

    private PatroniCluster(Path baseDir) {
        this.baseDir = baseDir;
        this.etcdPort = Processes.freePort();
        this.etcdPeerPort = Processes.freePort();
    }

    /** Whether patroni, etcd and a PostgreSQL server with pg_basebackup are installed (.ci/run installs them). */
    public static Optional<String> missing() {
        List<String> lacking = new ArrayList<>();
        for (String tool : List.of("patroni", "etcd")) {
            if (Stream.of(System.getenv().getOrDefault("PATH", "").split(":")).noneMatch(d -> Files.isExecutable(Path.of(d, tool)))) {
                lacking.add(tool);
            }
        }
        if (pgBinDir().isEmpty()) {
            lacking.add("a PostgreSQL server with pg_basebackup (/usr/lib/postgresql/N/bin)");
        }
        return lacking.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", lacking)
                + " not installed: apt-get install patroni etcd-server postgresql (as .ci/run does)");
    }

    static Optional<Path> pgBinDir() {
        String named = System.getProperty("devstack.patroni.pg-bin");
        if (named != null) {
            return Optional.of(Path.of(named));
        }
        try (Stream<Path> installs = Files.list(Path.of("/usr/lib/postgresql"))) {
            return installs.map(p -> p.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("pg_basebackup")))
                    .max(Comparator.comparingInt(b -> Integer.parseInt(b.getParent().getFileName().toString().replaceAll("\\D", "0"))));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Starts etcd and the first node alone, which becomes the leader; {@link #startFollowers} starts the others. Each of
     * them begins with a base backup of the leader: after a bulk load that is a copy of its files, where a standby
     * streaming all along would have had to replay the whole load's WAL, and falls gigabytes behind on these 2 cores.
     */
    public static PatroniCluster startLeader(Path baseDir, int count, int readReplicas) throws Exception {
        PatroniCluster cluster = new PatroniCluster(baseDir);
        try {
            cluster.startFirst(count, readReplicas);
        } catch (Exception e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    private void startFirst(int count, int readReplicas) throws Exception {
        Processes.deleteTree(baseDir);
        Files.createDirectories(baseDir);
        Processes.makeTraversable(baseDir);
        Path etcdDir = baseDir.resolve("etcd");
        Files.createDirectories(etcdDir);
        for (int i = 1; i <= count + readReplicas; i++) {
            Node n = new Node("node" + i, Processes.freePort(), Processes.freePort(), baseDir.resolve("node" + i), i > count);
            Files.createDirectories(n.dir());
            Files.writeString(n.dir().resolve("patroni.yml"), config(n));
            nodes.add(n);
        }
        chownToNobody(baseDir);
        etcd = spawn(List.of("etcd", "--name", "e1", "--data-dir", etcdDir.resolve("data").toString(),
                "--listen-client-urls", "http://127.0.0.1:" + etcdPort, "--advertise-client-urls", "http://127.0.0.1:" + etcdPort,
                "--listen-peer-urls", "http://127.0.0.1:" + etcdPeerPort,
                "--initial-advertise-peer-urls", "http://127.0.0.1:" + etcdPeerPort,
                "--initial-cluster", "e1=http://127.0.0.1:" + etcdPeerPort), etcdDir.resolve("etcd.log"));
        // the first node bootstraps the cluster alone, so it is certain to be the first leader
        patronis.add(spawn(List.of("patroni", nodes.get(0).dir().resolve("patroni.yml").toString()), nodes.get(0).dir().resolve("patroni.out")));
        awaitRoles(1, Duration.ofSeconds(90));
    }

    /** Starts every node but the first and waits until one is the synchronous standby and all stream. */
    public void startFollowers(Duration limit) throws Exception {
        for (Node n : nodes.subList(patronis.size(), nodes.size())) {
            List<String> patroni = List.of("patroni", n.dir().resolve("patroni.yml").toString());
            patronis.add(spawn(n.readReplica() ? niced(patroni) : patroni, n.dir().resolve("patroni.out")));
        }
        awaitRoles(nodes.size(), limit);
    }

    private String config(Node n) {
        return """
                scope: coalition
                name: %s
                log: {level: INFO, dir: %s}
                restapi: {listen: "127.0.0.1:%d", connect_address: "127.0.0.1:%d"}
                etcd3: {hosts: "127.0.0.1:%d"}
                bootstrap:
                  dcs:
                    ttl: 10
                    loop_wait: 2
                    retry_timeout: 5
                    maximum_lag_on_failover: 1048576
                    # a commit is acknowledged only once the standby has it: nothing acknowledged is lost (RPO 0)
                    synchronous_mode: true
                    postgresql:
                      use_pg_rewind: false
                      parameters: {max_connections: 200, shared_buffers: 128MB, wal_keep_size: 256MB, hot_standby: "on"}
                  initdb: [{encoding: UTF8}, {locale: C.UTF-8}]
                  pg_hba:
                    - local all all trust
                    - host replication replicator 127.0.0.1/32 scram-sha-256
                    - host all all 127.0.0.1/32 scram-sha-256
                postgresql:
                  listen: "127.0.0.1:%d"
                  connect_address: "127.0.0.1:%d"
                  data_dir: %s
                  bin_dir: %s
                  pgpass: %s
                  authentication:
                    superuser: {username: %s, password: %s}
                    replication: {username: replicator, password: replicator}
                  parameters: {unix_socket_directories: "%s"%s}
                %s""".formatted(n.name(), n.dir(), n.apiPort(), n.apiPort(), etcdPort, n.pgPort(), n.pgPort(), n.dataDir(),
                pgBinDir().orElseThrow(), n.dir().resolve("pgpass"), USER, PASSWORD, n.dir(),
                n.readReplica() ? ", max_standby_streaming_delay: " + READ_REPLICA_REPLAY_DELAY
                        + ", max_standby_archive_delay: " + READ_REPLICA_REPLAY_DELAY : "",
                // never a candidate for promotion nor for the synchronous standby: its replay may be minutes behind
                n.readReplica() ? "tags: {nofailover: true, nosync: true}\n" : "");
    }

    private static List<String> niced(List<String> command) {
        List<String> cmd = new ArrayList<>(List.of("nice", "-n", String.valueOf(READ_REPLICA_NICE)));
        cmd.addAll(command);
        return cmd;
    }

    private Process spawn(List<String> command, Path log) throws IOException {
        List<String> cmd = new ArrayList<>();
        if (asNobody) {
            cmd.addAll(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups"));
        }
        cmd.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(baseDir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().put("LC_ALL", "C.UTF-8");
        pb.environment().put("HOME", baseDir.toString());
        return pb.start();
    }

    private void chownToNobody(Path dir) throws IOException {
        if (asNobody) {
            Processes.run(List.of("chown", "-R", NOBODY + ":" + NOBODY, dir.toString()), baseDir, null);
        }
    }

    // ------------------------------------------------------------------------------------------------ roles

    /** Patroni's view of the cluster: each running member's name and role (leader, sync_standby, replica). */
    public List<String[]> members() {
        for (Node n : nodes) {
            try {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + n.apiPort() + "/cluster"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    List<String[]> out = new ArrayList<>();
                    for (JsonNode m : JSON.readTree(r.body()).path("members")) {
                        out.add(new String[] {m.path("name").asText(), m.path("role").asText(), m.path("state").asText()});
                    }
                    return out;
                }
            } catch (IOException notThisOne) {
                // the node is down; ask the next
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return List.of();
    }

    private void awaitRoles(int running, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            List<String[]> m = members();
            long up = m.stream().filter(x -> "running".equals(x[2]) || "streaming".equals(x[2])).count();
            boolean leader = m.stream().anyMatch(x -> "leader".equals(x[1]));
            boolean sync = running == 1 || m.stream().anyMatch(x -> "sync_standby".equals(x[1]));
            if (leader && sync && up >= running) {
                return;
            }
            for (Process p : patronis) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("Patroni exited; see " + baseDir + "/node*/patroni.out");
                }
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("no leader with " + (running - 1) + " synchronous standby within " + limit.toSeconds()
                + " s: " + members().stream().map(x -> String.join("/", x)).collect(Collectors.joining(", "))
                + "; see " + baseDir + "/node*/patroni.out");
    }

    public Node leader() {
        String name = members().stream().filter(x -> "leader".equals(x[1])).map(x -> x[0]).findFirst()
                .orElseThrow(() -> new IllegalStateException("no leader now"));
        return nodes.stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow();
    }

    /**
     * The host dying, as far as this machine can show it: {@code kill -9} of the leader's Patroni, of its postmaster (which
     * Patroni starts in a session of its own, so it is no descendant) and of every process under both, so nothing gets to
     * say goodbye to etcd, the standby or the clients. A postmaster left alive would go on taking connections as a
     * primary whose commits wait forever for a standby that has moved on.
     */
    public Node killLeader() throws IOException {
        Node leader = leader();
        Process p = patronis.get(nodes.indexOf(leader));
        List<ProcessHandle> doomed = new ArrayList<>(p.descendants().toList());
        doomed.add(p.toHandle());
        postmaster(leader).ifPresent(pm -> {
            doomed.add(pm);
            doomed.addAll(pm.descendants().toList());
        });
        doomed.forEach(ProcessHandle::destroyForcibly);
        return leader;
    }

    /** The node's postmaster, from the first line of postmaster.pid. */
    private static Optional<ProcessHandle> postmaster(Node n) throws IOException {
        Path pidFile = n.dataDir().resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        // a stale file may name a pid some other program has since been given
        return ProcessHandle.of(Long.parseLong(Files.readAllLines(pidFile).get(0).trim()))
                .filter(h -> h.info().command().map(c -> c.endsWith("/postgres")).orElse(false));
    }

    /** Waits until a node other than {@code old} accepts writes; the seconds it took from {@code sinceNanos}. */
    public double awaitNewPrimary(Node old, long sinceNanos, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            for (Node n : nodes) {
                if (n != old && isPrimary(n)) {
                    return (System.nanoTime() - sinceNanos) / 1e9;
                }
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("no standby was promoted within " + limit.toSeconds() + " s; see " + baseDir + "/node*/patroni.out");
    }

    private boolean isPrimary(Node n) {
        try (Connection c = connect("jdbc:postgresql://127.0.0.1:" + n.pgPort() + "/postgres?connectTimeout=1&socketTimeout=2");
             ResultSet rs = c.createStatement().executeQuery("select not pg_is_in_recovery()")) {
            return rs.next() && rs.getBoolean(1);
        } catch (SQLException notYet) {
            return false;
        }
    }

    // ------------------------------------------------------------------------------------------------ clients

    /** Every node in one URL: the driver tries them in turn and keeps the one that takes writes. */
    public String primaryUrl(String database) {
        return multiHostUrl(database) + "?targetServerType=primary";
    }

    /**
     * Every node in one URL, the read replicas first, for the reads that may lag: the driver keeps the first standby it
     * reaches (a read replica while one is up) and falls back to the primary.
     */
    public String standbyUrl(String database) {
        List<Node> replicasFirst = new ArrayList<>(nodes);
        replicasFirst.sort(Comparator.comparing((Node n) -> !n.readReplica()));
        return multiHostUrl(replicasFirst, database) + "?targetServerType=preferSecondary";
    }

    private String multiHostUrl(String database) {
        return multiHostUrl(nodes, database);
    }

    private static String multiHostUrl(List<Node> nodes, String database) {
        return "jdbc:postgresql://" + nodes.stream().map(n -> "127.0.0.1:" + n.pgPort()).collect(Collectors.joining(",")) + "/" + database;
    }

    /** A running node, its Patroni role and the client sessions on one database, other than the one asking. */
    public record Sessions(String node, String role, boolean readReplica, int count) {
        @Override
        public String toString() {
            return node + " " + role + (readReplica ? " (read replica)" : "") + ": " + (count < 0 ? "?" : count);
        }
    }

    /** Which nodes the app's pools are connected to; -1 for a node that did not answer. */
    public List<Sessions> sessions(String database) {
        List<Sessions> out = new ArrayList<>();
        for (String[] m : members()) {
            Node n = nodes.stream().filter(x -> x.name().equals(m[0])).findFirst().orElseThrow();
            int count = -1;
            try (Connection c = connect("jdbc:postgresql://127.0.0.1:" + n.pgPort() + "/postgres?connectTimeout=2");
                 ResultSet rs = c.createStatement().executeQuery("select count(*) from pg_stat_activity where datname = '"
                         + database + "' and backend_type = 'client backend' and pid <> pg_backend_pid()")) {
                rs.next();
                count = rs.getInt(1);
            } catch (SQLException down) {
                // reported as -1
            }
            out.add(new Sessions(n.name(), m[1], n.readReplica(), count));
        }
        return out;
    }

    public void createDatabase(String name) throws SQLException {
        try (Connection c = connect(primaryUrl("postgres"))) {
            c.createStatement().execute("create database \"" + name + "\"");
        }
    }

    public static Connection connect(String url) throws SQLException {
        Properties credentials = new Properties();
        credentials.setProperty("user", USER);
        credentials.setProperty("password", PASSWORD);
        // the driver directly: DriverManager does not see it from inside Maven's class loaders
        return new org.postgresql.Driver().connect(url, credentials);
    }

    @Override
    public void close() {
        for (Process p : patronis) {
            // SIGTERM: Patroni stops its PostgreSQL (fast) before it exits
            Processes.stopTree(p);
        }
        for (Node n : nodes) {
            // a postmaster whose Patroni is gone (the killed leader's, should the kill have missed it) is stopped here
            try {
                postmaster(n).ifPresent(pm -> {
                    pm.descendants().forEach(ProcessHandle::destroyForcibly);
                    pm.destroyForcibly();
                });
            } catch (IOException | RuntimeException e) {
                System.err.println("[patroni] " + n.name() + ": " + e.getMessage());
            }
        }
        Processes.stopTree(etcd);
    }
}
