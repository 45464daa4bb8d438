package ru.coalition.bench;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where the app's CPU went while the benchmark measured: the flight recording's execution samples, each counted
 * once for every part of the request it was inside (so the shares overlap: a Hibernate call inside our service counts
 * for both), and the hottest methods by their own time.
 */
final class ProfileSummary {

    private static final Map<String, List<String>> PARTS = new LinkedHashMap<>();

    static {
        PARTS.put("HTTP server (Vert.x, Netty, RESTEasy)", List.of("io.vertx.", "io.netty.", "org.jboss.resteasy."));
        PARTS.put("token verification (OIDC, jose4j)", List.of("io.quarkus.oidc.", "org.jose4j.", "io.smallrye.jwt."));
        PARTS.put("JSON (Jackson)", List.of("com.fasterxml.jackson."));
        PARTS.put("Bean Validation", List.of("org.hibernate.validator."));
        PARTS.put("our code (ru.coalition)", List.of("ru.coalition."));
        PARTS.put("Hibernate ORM", List.of("org.hibernate.orm.", "org.hibernate.query.", "org.hibernate.internal.", "org.hibernate.engine.",
                "org.hibernate.sql.", "org.hibernate.resource.", "org.hibernate.event.", "org.hibernate.loader."));
        PARTS.put("transactions and pool (Narayana, Agroal)", List.of("com.arjuna.", "io.agroal.", "io.quarkus.narayana."));
        PARTS.put("JDBC driver (pgjdbc)", List.of("org.postgresql."));
    }

    private ProfileSummary() {
    }

    static String of(Path recording) throws Exception {
        Map<String, Integer> inside = new LinkedHashMap<>();
        Map<String, Integer> hot = new LinkedHashMap<>();
        int samples = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(recording)) {
            if (!e.getEventType().getName().equals("jdk.ExecutionSample") || e.getStackTrace() == null) {
                continue;
            }
            samples++;
            List<String> methods = new ArrayList<>();
            for (RecordedFrame f : e.getStackTrace().getFrames()) {
                methods.add(f.getMethod().getType().getName() + "." + f.getMethod().getName());
            }
            Set<String> parts = new HashSet<>();
            for (var part : PARTS.entrySet()) {
                if (methods.stream().anyMatch(m -> part.getValue().stream().anyMatch(m::startsWith))) {
                    parts.add(part.getKey());
                }
            }
            parts.forEach(p -> inside.merge(p, 1, Integer::sum));
            if (!methods.isEmpty()) {
                hot.merge(methods.get(0), 1, Integer::sum);
            }
        }
        if (samples == 0) {
            return "no execution samples";
        }
        int all = samples;
        String parts = inside.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .map(x -> String.format(java.util.Locale.ROOT, "%s %.0f %%", x.getKey(), 100.0 * x.getValue() / all))
                .collect(Collectors.joining(", "));
        String methods = hot.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(8)
                .map(x -> String.format(java.util.Locale.ROOT, "%s %.1f %%", x.getKey(), 100.0 * x.getValue() / all))
                .collect(Collectors.joining(", "));
        return samples + " samples; inside: " + parts + "\n[bench] hottest methods (own time): " + methods;
    }

    public static void main(String[] args) throws Exception {
        System.out.println(of(Path.of(args[0])));
    }
}
