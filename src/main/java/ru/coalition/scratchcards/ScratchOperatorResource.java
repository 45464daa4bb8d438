package ru.coalition.scratchcards;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import ru.coalition.identity.Roles;

import java.util.List;

/** Every partner's batches for the operator: what is being printed, what is in the shops and how much is entered. */
@Path("/operator/scratch")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Roles.OPERATOR_ADMIN)
public class ScratchOperatorResource {

    static final int SHOWN = 500;

    @CheckedTemplate(basePath = "scratchcards")
    static class Templates {
        static native TemplateInstance operatorBatches(List<ScratchBatches.Listed> batches);
    }

    @Inject
    ScratchBatches batches;

    @GET
    public TemplateInstance page() {
        return Templates.operatorBatches(batches.all(SHOWN));
    }
}
