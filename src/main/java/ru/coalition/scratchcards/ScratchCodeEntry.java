package ru.coalition.scratchcards;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * One attempt at a code, for the API and the cabinet alike: the throttle first (outside any transaction, as Bucket4j
 * wants), then the code in its own transaction; a refused attempt keeps counting, an accepted one is given back.
 */
@ApplicationScoped
public class ScratchCodeEntry {

    @Inject
    ScratchThrottle throttle;

    @Inject
    ScratchRedemptions redemptions;

    public ScratchRedemptions.Credited enter(long memberId, String typed, String clientAddress) {
        ScratchThrottle.Attempt attempt = throttle.take(memberId, clientAddress);
        ScratchRedemptions.Credited credited = redemptions.enter(memberId, typed);
        throttle.giveBack(attempt);
        return credited;
    }
}
