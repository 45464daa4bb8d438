package ru.coalition.console;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import ru.coalition.identity.Roles;
import ru.coalition.members.MemberService;

import java.util.List;

/**
 * The mailing manager's starting point: whom the operator's mailings can reach today, by channel and city, with the
 * consent each channel needs. Campaigns themselves come with the mailings feature; this is the audience they draw on.
 */
@Path("/operator/audience")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({Roles.MAILING_MANAGER, Roles.OPERATOR_ADMIN})
public class AudienceResource {

    /** The audience in figures; share() gives a bar's length in percent of the largest city. */
    public record Audience(long members, long email, long sms, List<MemberService.Reach> cities, long largest) {
        public long share(long n) {
            return largest == 0 ? 0 : Math.round(100.0 * n / largest);
        }

        public long percentOf(long n) {
            return members == 0 ? 0 : Math.round(100.0 * n / members);
        }
    }

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance audience(Audience audience);
    }

    @Inject
    MemberService members;

    @GET
    public TemplateInstance page() {
        List<MemberService.Reach> cities = members.reach();
        long all = cities.stream().mapToLong(MemberService.Reach::members).sum();
        long email = cities.stream().mapToLong(MemberService.Reach::email).sum();
        long sms = cities.stream().mapToLong(MemberService.Reach::sms).sum();
        long largest = cities.stream().mapToLong(MemberService.Reach::members).max().orElse(0);
        return Templates.audience(new Audience(all, email, sms, cities, largest));
    }
}
