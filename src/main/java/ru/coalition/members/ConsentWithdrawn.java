package ru.coalition.members;

import java.time.Instant;

/**
 * Fired in the transaction that recorded a consent withdrawn (the profile, an unsubscribe, SMS STOP, account deletion),
 * for the features above the members that tell others of it (a partner's webhook).
 */
public record ConsentWithdrawn(long memberId, String consent, Instant at, String source) {
}
