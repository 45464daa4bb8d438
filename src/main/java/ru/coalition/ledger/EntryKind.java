package ru.coalition.ledger;

/** Why points moved. Corrections are new entries of their own kind, never edits of old ones. */
public enum EntryKind {
    /** Points earned by a purchase. */
    ACCRUAL,
    /** Points a refund takes back from the purchase that earned them. */
    REVERSAL,
    /** Points spent as payment at a till. */
    REDEMPTION,
    /** Points exchanged for a reward (a threshold offer's gift card). */
    REWARD,
    /** Welcome, referral, birthday, tier and gift-card-use bonuses. */
    BONUS,
    /** An operator's correction, always with a reason. */
    ADJUSTMENT,
    /** Points that lapsed. */
    EXPIRY,
    /** Points from a partner's scratch card whose code the member entered. */
    SCRATCH
}
