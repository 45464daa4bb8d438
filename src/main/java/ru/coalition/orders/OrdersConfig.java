package ru.coalition.orders;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** coalition.orders.*: what a member may attach to an order. */
@ConfigMapping(prefix = "coalition.orders")
public interface OrdersConfig {

    /** The largest layout file, in bytes (10 MB: a print-ready PDF of a banner fits). */
    @WithDefault("10485760")
    int maxFileBytes();

    /** Files per order, the member's and the staff's together. */
    @WithDefault("5")
    int filesPerOrder();
}
