package ru.coalition.support;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/** Settings of the support desk's service levels (coalition.sla.*); the calendar's zone is coalition.operator-zone. */
@ConfigMapping(prefix = "coalition.sla")
public interface SlaConfig {

    /** How often a replica looks for tickets at risk, breached or to escalate (a duration such as 1m, or "off"). */
    @WithDefault("1m")
    String every();

    /**
     * The login (Keycloak username) of the supervisor breached tickets are escalated to. Unset, or naming nobody who
     * holds the support-supervisor role: the first supervisor by name (then by login).
     */
    Optional<String> dutySupervisor();

    /** Tickets looked at per transaction. */
    @WithDefault("100")
    int batch();
}
