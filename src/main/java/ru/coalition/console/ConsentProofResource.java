package ru.coalition.console;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import ru.coalition.identity.CurrentUser;
import ru.coalition.identity.Roles;
import ru.coalition.members.Consent;
import ru.coalition.members.ConsentProof;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.ProblemException;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A member's consent history as proof for the operator (issue 12 §1): a printable page and a CSV with every decision,
 * its wording version and text, source, address and time. Opened from the member desk ("Consent history") or by card,
 * phone or e-mail. Support (agents, supervisors) answer members' complaints with it, the operator admin answers an
 * inspection, the mailing manager answers "I never subscribed"; partners never see it (their roles are not here).
 * Every look is audited.
 */
@Path("/operator/members/consents")
@RolesAllowed({Roles.OPERATOR_ADMIN, Roles.SUPPORT_AGENT, Roles.SUPPORT_SUPERVISOR, Roles.MAILING_MANAGER})
public class ConsentProofResource {

    /** What the page shows: the query, the proof (null: none asked or none found), and who exports when. */
    public record View(String query, ConsentProof.Proof proof, boolean notFound, String exportedBy, Instant exportedAt) {

        public List<Consent.Kind> kinds() {
            return List.of(Consent.Kind.values());
        }
    }

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance consentProof(View view);
    }

    @Inject
    ConsentProofExport export;

    @Inject
    CurrentUser user;

    @Inject
    Clock clock;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page(@QueryParam("q") String query) {
        if (query == null || query.isBlank()) {
            return Templates.consentProof(new View("", null, false, user.username(), clock.instant()));
        }
        Optional<ConsentProof.Proof> p = export.find(query, "page");
        return Templates.consentProof(new View(query.trim(), p.orElse(null), p.isEmpty(), user.username(), clock.instant()));
    }

    /** Semicolons and a BOM, as Excel in a Russian locale opens it; times in ISO 8601 UTC, to the microsecond stored. */
    @GET
    @Path("/csv")
    @Produces("text/csv")
    public Response csv(@QueryParam("q") String query) {
        ConsentProof.Proof p = export.find(query, "csv").orElseThrow(() -> new ProblemException(ErrorCode.MEMBER_NOT_FOUND));
        StringWriter out = new StringWriter().append('\ufeff');
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.EXCEL.builder().setDelimiter(';').get())) {
            csv.printRecord("card", "at", "consent", "granted", "source", "address", "wording_version", "text_ru", "text_en");
            for (ConsentProof.Decision d : p.decisions()) {
                csv.printRecord(p.cardNumber(), d.at().toString(), d.consent(), d.granted(), d.source(), d.address(), d.version(),
                        d.textRu(), d.textEn());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Response.ok(out.toString()).type("text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"consents-" + p.cardNumber() + ".csv\"").build();
    }
}
