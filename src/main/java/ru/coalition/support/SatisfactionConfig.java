package ru.coalition.support;

import io.smallrye.config.ConfigMapping;

import java.time.Duration;

/** Settings of the desk's satisfaction survey and honour board (coalition.csat.*, issue 11 §7). */
@ConfigMapping(prefix = "coalition.csat")
public interface SatisfactionConfig {

    /** Base64 of at least 32 random bytes signing the rating links (SUPPORT_RATING_LINK_KEY). */
    String linkKey();

    /** How long a mailed rating link works after the ticket is solved. */
    Duration linkValid();

    /** Tickets an agent must have handled in the month to be placed on the honour board. */
    int honourMinHandled();
}
