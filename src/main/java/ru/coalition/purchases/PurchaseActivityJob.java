package ru.coalition.purchases;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Folds new purchases and refunds into the activity tables every few seconds, on every replica (they take turns). */
@ApplicationScoped
public class PurchaseActivityJob {

    @Inject
    PurchaseActivity activity;

    @Scheduled(identity = "purchase-activity", every = "${coalition.jobs.purchase-activity.every}", delayed = "${coalition.jobs.delay}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        activity.foldOnce();
    }
}
