package ru.coalition.partners;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import ru.coalition.platform.CoalitionConfig;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Loads tenants/*.yaml at start. Each file is applied whole or not at all; a refused file is logged with its line
 * and reason and leaves the rest loading. The last report is shown in the operator console.
 */
@ApplicationScoped
public class TenantLoader {

    private static final Logger LOG = Logger.getLogger(TenantLoader.class);

    public record FileResult(String file, PartnerService.Outcome outcome, List<TenantFileParser.Issue> issues) {
        public boolean refused() {
            return !issues.isEmpty();
        }
    }

    @Inject
    CoalitionConfig config;

    @Inject
    TenantFileParser parser;

    @Inject
    PartnerService partners;



    private volatile List<FileResult> lastReport = List.of();

    void onStart(@Observes StartupEvent event) {
        if (config.tenants().loadAtStart()) {
            loadDirectory(config.tenants().dir());
        }
    }

    public List<FileResult> loadDirectory(Path directory) {
        List<FileResult> results = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            LOG.warnf("No tenants directory at %s: no partners loaded from files", directory.toAbsolutePath());
            return results;
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList()) {
                results.add(load(f.getFileName().toString(), Files.readString(f, StandardCharsets.UTF_8)));
            }
        } catch (IOException e) {
            LOG.errorf(e, "Cannot read tenants directory %s", directory);
        }
        lastReport = List.copyOf(results);
        return results;
    }

    public FileResult load(String fileName, String content) {
        try {
            PartnerService.Outcome outcome = partners.apply(parser.parse(fileName, content));
            LOG.infof("Tenant file %s: %s", fileName, outcome);
            return new FileResult(fileName, outcome, List.of());
        } catch (TenantFileParser.InvalidTenantFile e) {
            e.issues().forEach(i -> LOG.errorf("Tenant file %s refused: %s", fileName, i));
            return new FileResult(fileName, null, e.issues());
        } catch (PartnerService.Refused e) {
            LOG.errorf("Tenant file %s refused: line %d: %s", fileName, e.line, e.getMessage());
            return new FileResult(fileName, null, List.of(new TenantFileParser.Issue(e.line, e.getMessage())));
        }
    }

    public List<FileResult> lastReport() {
        return lastReport;
    }
}
