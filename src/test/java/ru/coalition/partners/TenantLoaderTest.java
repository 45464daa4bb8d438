package ru.coalition.partners;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class TenantLoaderTest {

    @Inject
    TenantLoader loader;

    @Test
    void reloadingTheSameFilesChangesNothing() {
        long versionsBefore = programVersionCount();
        List<TenantLoader.FileResult> again = loader.loadDirectory(Path.of("tenants"));
        assertEquals(3, again.size());
        again.forEach(r -> assertEquals(PartnerService.Outcome.UNCHANGED, r.outcome(), r.file()));
        assertEquals(versionsBefore, programVersionCount());
    }

    @Test
    void anInvalidNewFileIsRefusedWhole() {
        String yaml = """
                slug: broken-shop
                name: Broken shop
                program:
                  name: X
                  effectiveFrom: "2026-01-01"
                  wallet: coalition
                  earn: { points: 1, perRubles: "10.00", rounding: sideways }
                  activation: { delayDays: 0, purchaseDayCounts: true }
                """;
        TenantLoader.FileResult r = loader.load("broken-shop.yaml", yaml);
        assertTrue(r.refused());
        assertEquals(7, r.issues().get(0).line(), r.issues().toString());
        assertFalse(exists("broken-shop"), "nothing of the file is applied");
    }

    @Test
    void aChangedProgramAlreadyInForceIsRefusedAndNothingChanges() throws Exception {
        String original = Files.readString(Path.of("tenants/kit-media.yaml"));
        String changed = original.replace("name: РА «КИТ МЕДИА»", "name: Renamed").replace("bonus: 500", "bonus: 700");
        TenantLoader.FileResult r = loader.load("kit-media.yaml", changed);
        assertTrue(r.refused(), "a version in force cannot be rewritten");
        assertTrue(r.issues().get(0).reason().contains("already in force"), r.issues().toString());
        assertEquals("РА «КИТ МЕДИА»", name("kit-media"), "the partner's name was not changed either");
    }

    @Test
    void aNewPartnerFileIsCreatedThenUnchanged() {
        String yaml = """
                slug: fresh-bakery
                name: Пекарня «Свежая»
                program:
                  name: Хлебные баллы
                  effectiveFrom: "2026-02-01"
                  wallet: coalition
                  earn: { points: 1, perRubles: "10.00", rounding: floor }
                  activation: { delayDays: 0, purchaseDayCounts: true }
                """;
        assertEquals(PartnerService.Outcome.CREATED, loader.load("fresh-bakery.yaml", yaml).outcome());
        assertEquals(PartnerService.Outcome.UNCHANGED, loader.load("fresh-bakery.yaml", yaml).outcome());
    }

    @Transactional
    long programVersionCount() {
        return ProgramVersion.count();
    }

    @Transactional
    boolean exists(String slug) {
        return Partner.count("slug", slug) > 0;
    }

    @Transactional
    String name(String slug) {
        return Partner.<Partner>find("slug", slug).firstResult().name;
    }
}
