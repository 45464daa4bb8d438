package ru.coalition.support;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import ru.coalition.identity.KeycloakUsers;
import ru.coalition.identity.Roles;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The support desk's people as Keycloak knows them (the realm role support-supervisor; the ticket's assignee is a
 * Keycloak subject). A look-up that fails (Keycloak away) finds nobody: the SLA job then leaves the e-mail out, or
 * escalates on its next run.
 */
@ApplicationScoped
public class SupportStaff {

    private static final Logger LOG = Logger.getLogger(SupportStaff.class);

    /** A staff member: Keycloak id (subject), login, name as shown, e-mail if known. */
    public record Person(String id, String username, String name, String email) {
    }

    @Inject
    KeycloakUsers users;

    @Inject
    SlaConfig config;

    /**
     * The supervisor breached tickets go to: the configured duty supervisor (coalition.sla.duty-supervisor, a login)
     * when that person holds the role; otherwise the first enabled supervisor by name, then by login.
     */
    public Optional<Person> supervisor() {
        List<Person> supervisors;
        try {
            supervisors = users.withRoles(List.of(Roles.SUPPORT_SUPERVISOR)).stream().filter(KeycloakUsers.StaffUser::enabled)
                    .map(SupportStaff::person).sorted(Comparator.comparing((Person p) -> p.name().toLowerCase(Locale.ROOT))
                            .thenComparing(Person::username)).toList();
        } catch (RuntimeException e) {
            LOG.warnf("support: the supervisors could not be read from Keycloak (%s); escalation waits", e.toString());
            return Optional.empty();
        }
        return config.dutySupervisor().flatMap(login -> supervisors.stream().filter(p -> p.username().equalsIgnoreCase(login.trim())).findFirst())
                .or(() -> supervisors.stream().findFirst());
    }

    /** A staff member by Keycloak id; empty when unknown or when Keycloak does not answer. */
    public Optional<Person> person(String id) {
        if (id == null) {
            return Optional.empty();
        }
        try {
            return users.staffUser(id).map(SupportStaff::person);
        } catch (RuntimeException e) {
            LOG.warnf("support: staff member %s could not be read from Keycloak (%s)", id, e.toString());
            return Optional.empty();
        }
    }

    private static Person person(KeycloakUsers.StaffUser u) {
        String name = ((u.firstName() == null ? "" : u.firstName()) + " " + (u.lastName() == null ? "" : u.lastName())).trim();
        return new Person(u.id(), u.username(), name.isEmpty() ? u.username() : name, u.email());
    }
}
