package ru.coalition.tiers;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import ru.coalition.partners.Partner;
import ru.coalition.partners.PartnerService;
import ru.coalition.partners.ProgramDefinition;

/**
 * Tier recalculation: purchases move a member up at once; this job moves members down as old spend leaves the
 * qualification window. Each partner is recalculated under an advisory lock, so replicas take turns.
 */
@ApplicationScoped
public class TierJobs {

    @Inject
    PartnerService partners;

    @Inject
    TierService tiers;

    @Scheduled(identity = "tiers", every = "${coalition.jobs.tiers.every}", delayed = "${coalition.jobs.delay}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        partners.list().forEach(p -> recalculate(p.id));
    }

    @Transactional
    public int recalculate(long partnerId) {
        Partner partner = Partner.findById(partnerId);
        ProgramDefinition program = partners.currentProgram(partner).orElse(null);
        if (program == null || program.tiers() == null) {
            return 0;
        }
        tiers.lockPartner(partnerId);
        var members = tiers.membersOf(partnerId);
        members.forEach(m -> tiers.recalculate(partner, m, program));
        return members.size();
    }
}
