package ru.coalition.webhooks;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;

/** coalition.webhooks.*: how partners' endpoints are called (docs/webhooks.md). */
@ConfigMapping(prefix = "coalition.webhooks")
public interface WebhooksConfig {

    /** How often the dispatcher looks for due deliveries (a {@code @Scheduled} period). */
    @WithDefault("2s")
    String every();

    /** How often the job that tells of points activated runs. */
    @WithDefault("60s")
    String activationEvery();

    /**
     * The waits after each failed try; a delivery failed once more than this list is long is dead. The default, after
     * Standard Webhooks' schedule, spans about 24 h: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 6.5 h.
     */
    @WithDefault("5s,5m,30m,2h,5h,10h,6h30m")
    List<Duration> retrySchedule();

    /** Only https endpoints (prod); dev and test allow http for a local receiver. */
    @WithDefault("true")
    boolean requireHttps();

    /** Loopback, private and link-local addresses are refused unless this is on (dev and test): no SSRF into our network. */
    @WithDefault("false")
    boolean allowPrivateAddresses();

    /** How long one call may take before it counts as failed. */
    @WithDefault("10s")
    Duration timeout();

    /** Deliveries one dispatcher run claims. */
    @WithDefault("20")
    int batchSize();

    /** How long a claimed delivery is held before another replica may try it (a replica that died mid-call). */
    @WithDefault("2m")
    Duration lease();
}
