package ru.coalition.tiers;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
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

    /**
     * Each member in a short transaction of its own: no partner-wide lock or transaction, so purchases keep flowing
     * while the job runs, and a replica running it at the same time only waits on the member it is at.
     */
    @ActivateRequestContext
    public int recalculate(long partnerId) {
        Partner partner = partners.findById(partnerId).orElseThrow();
        ProgramDefinition program = partners.currentProgram(partner).orElse(null);
        if (program == null || program.tiers() == null) {
            return 0;
        }
        var members = tiers.membersOf(partnerId);
        members.forEach(m -> tiers.recalculateAlone(partner, m, program));
        return members.size();
    }
}
