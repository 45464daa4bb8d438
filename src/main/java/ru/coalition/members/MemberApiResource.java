package ru.coalition.members;

import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import ru.coalition.platform.ApiDocument;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.ProblemResponses;
import ru.coalition.platform.RequestLocale;

import java.util.UUID;

/** Registration (public); the member's own data is in {@code ru.coalition.cabinet.MeApiResource}. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiDocument.TAG_REGISTRATION)
public class MemberApiResource {

    public record Registered(UUID memberId, String cardNumber) {
    }

    @Inject
    MemberRegistration registration;

    @Inject
    RequestLocale locale;

    @POST
    @Path("/members")
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "registerMember", summary = "Register a member",
            description = "Takes the questionnaire and issues a card; the temporary password goes out by the preferred"
                    + " channel (SMS or e-mail). Needs the consent to the processing of personal data. Throttled per"
                    + " client address.")
    @SecurityRequirements
    @APIResponseSchema(value = Registered.class, responseCode = "201", responseDescription = "Registered: the member's id and card number")
    @ProblemResponses({ErrorCode.MEMBER_DUPLICATE, ErrorCode.REGISTRATION_THROTTLED, ErrorCode.IDENTITY_UNAVAILABLE})
    public Response register(@NotNull(message = "{coalition.field.body-required}") @Valid RegistrationRequest request,
                             @Context HttpServerRequest http) {
        Member m = registration.register(request, http.remoteAddress().hostAddress(), locale.get(), "api");
        return Response.status(201).entity(new Registered(m.publicId, m.cardNumber)).build();
    }
}
