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
import ru.coalition.platform.RequestLocale;

import java.util.UUID;

/** Registration (public); the member's own data is in {@code ru.coalition.cabinet.MeApiResource}. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
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
    public Response register(@NotNull(message = "{coalition.field.body-required}") @Valid RegistrationRequest request,
                             @Context HttpServerRequest http) {
        Member m = registration.register(request, http.remoteAddress().hostAddress(), locale.get(), "api");
        return Response.status(201).entity(new Registered(m.publicId, m.cardNumber)).build();
    }
}
