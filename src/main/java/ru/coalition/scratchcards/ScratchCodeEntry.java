package ru.coalition.scratchcards;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import ru.coalition.platform.ProblemException;

/**
 * One attempt at a code, for the API and the cabinet alike: the throttle first (outside any transaction, as Bucket4j
 * wants), then the code in its own transaction; a refused attempt counts against the member and the address, an
 * accepted one against nobody.
 */
@ApplicationScoped
public class ScratchCodeEntry {

    @Inject
    ScratchThrottle throttle;

    @Inject
    ScratchRedemptions redemptions;

    public ScratchRedemptions.Credited enter(long memberId, String typed, String clientAddress) {
        ScratchThrottle.Attempt attempt = throttle.take(memberId, clientAddress);
        ScratchRedemptions.Credited credited;
        try {
            credited = redemptions.enter(memberId, typed);
        } catch (ProblemException refused) {
            throttle.refused(attempt);
            throw refused;
        }
        throttle.giveBack(attempt);
        return credited;
    }
}
