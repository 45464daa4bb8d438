package ru.coalition.support;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import ru.coalition.identity.KeycloakUsers;
import ru.coalition.identity.Roles;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The names of support staff for the figures: a ticket's assignee is a Keycloak user id, people read "Ольга Смирнова".
 * Names are asked from Keycloak and kept for ten minutes; someone no longer in Keycloak is named by the id's start.
 */
@ApplicationScoped
public class AgentNames {

    private static final Logger LOG = Logger.getLogger(AgentNames.class);
    private static final long KEEP_MILLIS = 10 * 60 * 1000L;

    /** A colleague who answers tickets: Keycloak id and name. */
    public record Agent(String id, String name) {
    }

    private record Known(String name, long at) {
    }

    private final Map<String, Known> names = new ConcurrentHashMap<>();
    private volatile List<Agent> team;
    private volatile long teamAt;

    @Inject
    KeycloakUsers users;

    public String name(String id) {
        long now = System.currentTimeMillis();
        Known k = names.get(id);
        if (k != null && now - k.at < KEEP_MILLIS) {
            return k.name;
        }
        String name;
        try {
            name = users.staffUser(id).map(AgentNames::nameOf).orElse(null);
        } catch (RuntimeException e) {
            LOG.warnf("agent %s: no name from Keycloak (%s)", id, e.getMessage());
            return shortId(id);
        }
        name = name == null ? shortId(id) : name;
        names.put(id, new Known(name, now));
        return name;
    }

    /** Support agents and supervisors, by name (the dashboard's agent picker). */
    public List<Agent> team() {
        long now = System.currentTimeMillis();
        List<Agent> t = team;
        if (t != null && now - teamAt < KEEP_MILLIS) {
            return t;
        }
        try {
            t = users.withRoles(List.of(Roles.SUPPORT_AGENT, Roles.SUPPORT_SUPERVISOR)).stream()
                    .map(u -> new Agent(u.id(), nameOf(u))).sorted(Comparator.comparing(Agent::name).thenComparing(Agent::id)).toList();
        } catch (RuntimeException e) {
            LOG.warnf("support team: no list from Keycloak (%s)", e.getMessage());
            return List.of();
        }
        t.forEach(a -> names.put(a.id(), new Known(a.name(), now)));
        team = t;
        teamAt = now;
        return t;
    }

    private static String nameOf(KeycloakUsers.StaffUser u) {
        String n = ((u.firstName() == null ? "" : u.firstName()) + " " + (u.lastName() == null ? "" : u.lastName())).trim();
        return n.isEmpty() ? u.username() : n;
    }

    private static String shortId(String id) {
        return id.length() > 8 ? id.substring(0, 8) + "…" : id;
    }
}
