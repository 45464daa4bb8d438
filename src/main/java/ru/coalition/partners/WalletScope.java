package ru.coalition.partners;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where a partner's points live: its own wallet, spendable only there, or the shared coalition wallet. */
public enum WalletScope {
    @JsonProperty("closed-loop") CLOSED_LOOP,
    @JsonProperty("coalition") COALITION;

    /** The name of the member's shared wallet in the API, pages and adjustments. */
    public static final String COALITION_WALLET = "coalition";

    /** The scope as tenant files and the API write it ("closed-loop", "coalition"). */
    public String fileName() {
        return this == COALITION ? "coalition" : "closed-loop";
    }
}
