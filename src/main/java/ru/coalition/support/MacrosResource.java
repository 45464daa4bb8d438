package ru.coalition.support;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import ru.coalition.identity.CurrentUser;
import ru.coalition.identity.Roles;
import ru.coalition.platform.ProblemException;
import ru.coalition.platform.RequestLocale;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Canned answers in the console (issue 11 §5): every agent reads them; the supervisor writes and retires them (a
 * retired one is no longer offered on the ticket page, and tickets keep what was sent).
 */
@Path("/operator/support/macros")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({Roles.SUPPORT_AGENT, Roles.SUPPORT_SUPERVISOR})
public class MacrosResource {

    @CheckedTemplate(basePath = "support")
    static class Templates {
        static native TemplateInstance macros(List<Macros.Macro> macros, boolean canEdit, List<String> categories, List<String> placeholders,
                                              Map<String, String> form, Map<String, String> errors, String alert, String done);
    }

    @Inject
    Macros macros;

    @Inject
    CurrentUser user;

    @Inject
    RequestLocale locale;

    @GET
    public TemplateInstance page(@QueryParam("edit") Long edit, @QueryParam("done") String done) {
        Map<String, String> form = new LinkedHashMap<>();
        if (edit != null) {
            Macros.Macro m = macros.get(edit);
            form.put("id", String.valueOf(m.id()));
            form.put("title", m.title());
            form.put("body", m.body());
            form.put("category", m.category() == null ? "" : m.category());
            form.put("active", String.valueOf(m.active()));
        }
        return render(form, Map.of(), null, done);
    }

    @POST
    @RolesAllowed(Roles.SUPPORT_SUPERVISOR)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object save(MultivaluedMap<String, String> params) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String f : List.of("id", "title", "body", "category", "active")) {
            String v = params.getFirst(f);
            form.put(f, v == null ? "" : v.trim());
        }
        Map<String, String> errors = new LinkedHashMap<>();
        var texts = locale.texts();
        if (form.get("title").isEmpty()) {
            errors.put("title", texts.problem("coalition.field.required"));
        } else if (form.get("title").length() > 100) {
            errors.put("title", texts.problem("coalition.field.too-long"));
        }
        if (form.get("body").isEmpty()) {
            errors.put("body", texts.problem("coalition.field.required"));
        } else if (form.get("body").length() > 10_000) {
            errors.put("body", texts.problem("coalition.field.too-long"));
        }
        if (!form.get("category").isEmpty() && !Tickets.CATEGORIES.contains(form.get("category"))) {
            errors.put("category", texts.problem("coalition.field.choice"));
        }
        Long id = null;
        if (!form.get("id").isEmpty()) {
            try {
                id = Long.parseLong(form.get("id"));
            } catch (NumberFormatException e) {
                errors.put("title", texts.problem("coalition.field.choice"));
            }
        }
        if (!errors.isEmpty()) {
            return render(form, errors, null, null);
        }
        try {
            macros.save(id, form.get("title"), form.get("body"), form.get("category"), !"false".equals(form.get("active")), user.displayName());
        } catch (ProblemException e) {
            return render(form, Map.of(), texts.problemDetailOrTitle(e), null);
        }
        return Response.seeOther(URI.create("/operator/support/macros?done=saved")).build();
    }

    private TemplateInstance render(Map<String, String> form, Map<String, String> errors, String alert, String done) {
        return Templates.macros(macros.all(), user.hasRole(Roles.SUPPORT_SUPERVISOR), Tickets.CATEGORIES, Macros.PLACEHOLDERS,
                form, errors, alert, done);
    }
}
