package ru.coalition.catalog;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Returns the points of expired vouchers, on every replica; the work itself is replica-safe (see Vouchers.expireBatch). */
@ApplicationScoped
public class VoucherJobs {

    @Inject
    Vouchers vouchers;

    /** Its expiryEvery is the schedule below; injected so the setting is validated at start. */
    @Inject
    CatalogConfig config;

    @Scheduled(identity = "voucher-expiry", every = "${coalition.catalog.expiry-every}", delayed = "${coalition.jobs.delay}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        expireAll();
    }

    /** Batch after batch, each its own transaction, until nothing is due. */
    public int expireAll() {
        int total = 0;
        int done;
        do {
            done = vouchers.expireBatch();
            total += done;
        } while (done == Vouchers.EXPIRY_BATCH);
        return total;
    }
}
