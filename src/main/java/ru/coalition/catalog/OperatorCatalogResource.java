package ru.coalition.catalog;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import ru.coalition.identity.Roles;
import ru.coalition.partners.Partner;
import ru.coalition.partners.PartnerService;
import ru.coalition.platform.CatalogMsg;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.ErrorSummary;
import ru.coalition.platform.FieldErrors;
import ru.coalition.platform.Messages;
import ru.coalition.platform.ProblemException;
import ru.coalition.platform.RequestLocale;
import ru.coalition.platform.Texts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The catalog editor of the operator console: the list, a new reward, editing one (its picture uploaded with the
 * form), withdrawing and restoring. Numbers and dates are read here; everything else is the same Draft the operator
 * API validates.
 */
@Path("/operator/catalog")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Roles.OPERATOR_ADMIN)
public class OperatorCatalogResource {

    /** The form's fields in their order on the page (the error summary follows it). */
    static final List<String> FIELDS = List.of("titleRu", "titleEn", "descriptionRu", "descriptionEn", "cost", "partner",
            "stockLeft", "perMemberLimit", "activeFrom", "activeUntil", "validityDays", "picture");

    /** One row of the list. */
    public record Row(CatalogReward reward, String title, String partner, String pictureUrl) {
    }

    @CheckedTemplate(basePath = "catalog")
    static class Templates {
        static native TemplateInstance operatorCatalog(List<Row> rows, String done);

        static native TemplateInstance operatorReward(String rewardId, String pictureUrl, List<Partner> partners,
                                                      Map<String, String> form, Map<String, String> errors, ErrorSummary summary);
    }

    @Inject
    CatalogService catalog;

    @Inject
    PartnerService partners;

    @Inject
    RequestLocale locale;

    @Inject
    Validator validator;

    /** The list; after a save (redirected here) with the saved reward named. */
    @GET
    public TemplateInstance list(@QueryParam("saved") String saved) {
        String done = null;
        if (saved != null) {
            try {
                done = catalog.byPublicId(UUID.fromString(saved))
                        .map(r -> Messages.catalog(locale.get()).consoleSaved(r.title(locale.get()))).orElse(null);
            } catch (IllegalArgumentException e) {
                // a hand-edited address: the list without the note
            }
        }
        return listPage(done);
    }

    @GET
    @Path("/new")
    public TemplateInstance newReward() {
        Map<String, String> form = Map.of("validityDays", Integer.toString(CatalogService.DEFAULT_VALIDITY_DAYS));
        return Templates.operatorReward(null, null, partners.list(), form, Map.of(), ErrorSummary.NONE);
    }

    @POST
    @Path("/new")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Object create(@RestForm String titleRu, @RestForm String titleEn, @RestForm String descriptionRu,
                         @RestForm String descriptionEn, @RestForm String cost, @RestForm String partner,
                         @RestForm String stockLeft, @RestForm String perMemberLimit, @RestForm String activeFrom,
                         @RestForm String activeUntil, @RestForm String validityDays, @RestForm("picture") FileUpload picture) {
        Map<String, String> form = form(titleRu, titleEn, descriptionRu, descriptionEn, cost, partner, stockLeft, perMemberLimit,
                activeFrom, activeUntil, validityDays);
        return save(null, form, picture);
    }

    @GET
    @Path("/{rewardId}")
    public TemplateInstance edit(@PathParam("rewardId") String rewardId) {
        CatalogReward r = catalog.byPublicId(OperatorCatalogApiResource.id(rewardId))
                .orElseThrow(() -> new ProblemException(ErrorCode.CATALOG_REWARD_NOT_FOUND));
        CatalogService.Draft d = catalog.draftOf(r);
        Map<String, String> form = form(d.titleRu(), d.titleEn(), d.descriptionRu(), d.descriptionEn(), text(d.cost()), d.partner(),
                text(d.stockLeft()), text(d.perMemberLimit()), text(d.activeFrom()), text(d.activeUntil()), text(d.validityDays()));
        return Templates.operatorReward(rewardId, catalog.pictureUrlOf(r), partners.list(), form, Map.of(), ErrorSummary.NONE);
    }

    @POST
    @Path("/{rewardId}")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Object update(@PathParam("rewardId") String rewardId, @RestForm String titleRu, @RestForm String titleEn,
                         @RestForm String descriptionRu, @RestForm String descriptionEn, @RestForm String cost,
                         @RestForm String partner, @RestForm String stockLeft, @RestForm String perMemberLimit,
                         @RestForm String activeFrom, @RestForm String activeUntil, @RestForm String validityDays,
                         @RestForm("picture") FileUpload picture) {
        UUID id = OperatorCatalogApiResource.id(rewardId);
        catalog.byPublicId(id).orElseThrow(() -> new ProblemException(ErrorCode.CATALOG_REWARD_NOT_FOUND));
        Map<String, String> form = form(titleRu, titleEn, descriptionRu, descriptionEn, cost, partner, stockLeft, perMemberLimit,
                activeFrom, activeUntil, validityDays);
        return save(id, form, picture);
    }

    @POST
    @Path("/{rewardId}/active")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance setActive(@PathParam("rewardId") String rewardId, @RestForm String active) {
        CatalogReward r = catalog.setActive(OperatorCatalogApiResource.id(rewardId), "true".equals(active));
        CatalogMsg msg = Messages.catalog(locale.get());
        return listPage(r.active ? msg.consoleRestored(r.title(locale.get())) : msg.consoleWithdrawn(r.title(locale.get())));
    }

    /**
     * Validates the form as the API would, stores the reward and then its picture (in one transaction each: a refused
     * picture shows on the form again, the reward itself kept), and goes back to the list.
     */
    private Object save(UUID id, Map<String, String> form, FileUpload picture) {
        Texts texts = locale.texts();
        Map<String, String> errors = new LinkedHashMap<>();
        CatalogService.Draft draft = draft(form, errors, texts);
        byte[] bytes = null;
        if (picture != null && picture.size() > 0) {
            if (picture.size() > CatalogService.PICTURE_MAX_BYTES || CatalogService.pictureType(bytes = read(picture)).isEmpty()) {
                errors.put("picture", texts.problemDetail(ErrorCode.CATALOG_PICTURE_INVALID, CatalogService.PICTURE_MAX_BYTES / 1024));
            }
        }
        if (errors.isEmpty()) {
            validator.validate(draft).forEach(v -> errors.putIfAbsent(v.getPropertyPath().toString(),
                    FieldErrors.of(java.util.Set.of(v), texts, false).get(0).message()));
        }
        CatalogReward saved = null;
        if (errors.isEmpty()) {
            try {
                saved = id == null ? catalog.create(draft) : catalog.update(id, draft);
            } catch (ProblemException e) {
                e.fieldErrors().forEach(f -> errors.put(f.field(), texts.problem("activeUntil".equals(f.field())
                        ? "coalition.field.catalog-period" : "coalition.field.choice")));
                if (e.fieldErrors().isEmpty()) {
                    throw e;
                }
            }
        }
        if (!errors.isEmpty()) {
            Map<String, String> ordered = new LinkedHashMap<>();
            FIELDS.stream().filter(errors::containsKey).forEach(f -> ordered.put(f, errors.get(f)));
            CatalogMsg msg = Messages.catalog(locale.get());
            String pictureUrl = id == null ? null : catalog.byPublicId(id).map(catalog::pictureUrlOf).orElse(null);
            return Templates.operatorReward(id == null ? null : id.toString(), pictureUrl, partners.list(), form, ordered,
                    ErrorSummary.of(ordered, msg::field));
        }
        if (bytes != null) {
            catalog.setPicture(saved.publicId, bytes);
        }
        // after a successful post, a fresh GET: reloading the list does not send the form again
        return Response.seeOther(java.net.URI.create("/operator/catalog?saved=" + saved.publicId)).build();
    }

    private TemplateInstance listPage(String done) {
        java.util.Locale l = locale.get();
        var byId = catalog.partnersById();
        List<Row> rows = catalog.all().stream().map(r -> new Row(r, r.title(l), byId.get(r.partnerId).name, catalog.pictureUrlOf(r))).toList();
        return Templates.operatorCatalog(rows, done);
    }

    private static CatalogService.Draft draft(Map<String, String> form, Map<String, String> errors, Texts texts) {
        Long cost = number(form, "cost", errors, texts.problem("coalition.field.catalog-cost"));
        Long stock = number(form, "stockLeft", errors, texts.problem("coalition.field.catalog-count"));
        Long limit = number(form, "perMemberLimit", errors, texts.problem("coalition.field.catalog-count"));
        Long validity = number(form, "validityDays", errors, texts.problem("coalition.field.catalog-validity"));
        LocalDate from = date(form, "activeFrom", errors, texts);
        LocalDate until = date(form, "activeUntil", errors, texts);
        return new CatalogService.Draft(form.get("titleRu"), form.get("titleEn"), form.get("descriptionRu"), form.get("descriptionEn"),
                cost, form.get("partner"), stock == null ? null : (int) Math.min(stock, Integer.MAX_VALUE),
                limit == null ? null : (int) Math.min(limit, Integer.MAX_VALUE), from, until,
                validity == null ? null : (int) Math.min(validity, Integer.MAX_VALUE));
    }

    private static Long number(Map<String, String> form, String field, Map<String, String> errors, String message) {
        String v = form.get(field);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(v.strip().replace(" ", "").replace("\u00a0", ""));
        } catch (NumberFormatException e) {
            errors.put(field, message);
            return null;
        }
    }

    private static LocalDate date(Map<String, String> form, String field, Map<String, String> errors, Texts texts) {
        String v = form.get(field);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(v.strip());
        } catch (DateTimeParseException e) {
            errors.put(field, texts.problem("field.unreadable"));
            return null;
        }
    }

    private static byte[] read(FileUpload upload) {
        try {
            return Files.readAllBytes(upload.uploadedFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> form(String titleRu, String titleEn, String descriptionRu, String descriptionEn, String cost,
                                            String partner, String stockLeft, String perMemberLimit, String activeFrom,
                                            String activeUntil, String validityDays) {
        Map<String, String> form = new LinkedHashMap<>();
        String[] values = {titleRu, titleEn, descriptionRu, descriptionEn, cost, partner, stockLeft, perMemberLimit, activeFrom,
                activeUntil, validityDays};
        for (int i = 0; i < values.length; i++) {
            form.put(FIELDS.get(i), values[i] == null ? "" : values[i]);
        }
        return form;
    }

    private static String text(Object o) {
        return o == null ? "" : o.toString();
    }
}
