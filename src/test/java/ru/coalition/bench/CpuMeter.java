package ru.coalition.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU seconds per process group over a window, read from /proc: which process bounds the figure (the app, PostgreSQL,
 * the load generator) is measured, not guessed. Linux only; elsewhere it reports nothing.
 */
final class CpuMeter {

    private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux

    private final long appPid;
    private final String postgresPort;
    private final long selfPid = ProcessHandle.current().pid();

    CpuMeter(long appPid, int postgresPort) {
        this.appPid = appPid;
        this.postgresPort = String.valueOf(postgresPort);
    }

    /** Ticks per group now: app, postgres (every backend), load generator, whole machine (busy). */
    Map<String, Long> sample() {
        Map<String, Long> ticks = new LinkedHashMap<>();
        ticks.put("app", ticksOf(appPid));
        ticks.put("postgres", 0L);
        ticks.put("load generator", ticksOf(selfPid));
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            // the benchmark's PostgreSQL only (other clusters may run on the box): its postmaster and its children
            List<Path> postgres = procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(p -> read(p.resolve("comm")).trim().equals("postgres")).toList();
            long postmaster = postgres.stream().filter(p -> List.of(read(p.resolve("cmdline")).split("\u0000")).contains(postgresPort))
                    .map(p -> Long.parseLong(p.getFileName().toString())).findFirst().orElse(-1L);
            for (Path p : postgres) {
                long pid = Long.parseLong(p.getFileName().toString());
                if (pid == postmaster || parentOf(p) == postmaster) {
                    ticks.merge("postgres", ticksOf(pid), Long::sum);
                }
            }
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long idle = Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]);
            long all = 0;
            for (int i = 1; i < cpu.length; i++) {
                all += Long.parseLong(cpu[i]);
            }
            ticks.put("machine busy", all - idle);
            ticks.put("machine all", all);
        } catch (IOException | RuntimeException notLinux) {
            return Map.of();
        }
        return ticks;
    }

    /** "app 41.2 s (69 %), …" of the machine's CPU time between two samples. */
    static String report(Map<String, Long> before, Map<String, Long> after) {
        if (before.isEmpty() || after.isEmpty()) {
            return "no /proc";
        }
        double all = after.get("machine all") - before.get("machine all");
        StringBuilder s = new StringBuilder();
        for (String group : after.keySet()) {
            if (group.equals("machine all")) {
                continue;
            }
            double used = after.get(group) - before.getOrDefault(group, 0L);
            s.append(s.isEmpty() ? "" : ", ").append(String.format(java.util.Locale.ROOT, "%s %.1f s (%.0f %%)", group,
                    used / TICKS_PER_SECOND, 100 * used / all));
        }
        return s.toString();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException | RuntimeException gone) {
            return "";
        }
    }

    private static long parentOf(Path proc) {
        String stat = read(proc.resolve("stat"));
        try {
            return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[1]);
        } catch (RuntimeException gone) {
            return -2;
        }
    }

    private static long ticksOf(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // utime and stime are fields 14 and 15 of stat, 12 and 13 after the command name
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }
}
