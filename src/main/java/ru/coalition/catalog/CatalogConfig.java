package ru.coalition.catalog;

import io.smallrye.config.ConfigMapping;

/** Settings of the rewards catalog (coalition.catalog.*). */
@ConfigMapping(prefix = "coalition.catalog")
public interface CatalogConfig {

    /** How often unredeemed expired vouchers give their points back (a duration such as 5m, or "off"). */
    String expiryEvery();
}
