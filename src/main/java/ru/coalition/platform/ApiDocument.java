package ru.coalition.platform;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.AnnotationValue;
import org.jboss.jandex.DotName;
import org.jboss.jandex.IndexView;
import org.jboss.jandex.MethodInfo;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Shapes the OpenAPI document of the partner and member API ({@code /q/openapi}), once, when the app is built; what
 * the whole document says is on this package (package-info), each operation on its *ApiResource method.
 * <ul>
 * <li>Only paths under {@code /api/} stay, and only the schemas they reach. Pages (Qute templates at {@code /},
 * {@code /cabinet}, {@code /portal}, {@code /operator}, ...) are no part of the contract, and what they use
 * (TemplateInstance and the Qute engine behind it, form fields) must never reach the schemas. Dropping all that is not
 * API here, rather than hiding page classes one by one, keeps a new page out without anyone having to remember it.</li>
 * <li>Each operation gets an application/problem+json response per status it can refuse with: the codes of its
 * {@link ProblemResponses} and those of its kind (see there), each with an example made by the same code that makes
 * the real answer ({@link Problems#body}), in English.</li>
 * </ul>
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ApiDocument implements OASFilter {

    public static final String TAG_REGISTRATION = "Registration";
    public static final String TAG_MEMBER = "Member";
    public static final String TAG_PURCHASES = "Purchases";
    public static final String TAG_TILL = "Till";
    public static final String TAG_PARTNER = "Partner";
    public static final String TAG_OPERATOR = "Operator";
    public static final String TAG_SCRATCH = "Scratch cards";
    public static final String TAG_CLEARING = "Clearing";
    public static final String TAG_CATALOG = "Catalog";
    public static final String TAG_BOARD = "Q&A board";
    public static final String TAG_SEGMENTS = "Segments";
    public static final String TAG_MAIL_BOUNCES = "Mail bounces";
    public static final String TAG_ORDERS = "Orders";

    /** The security scheme (quarkus.smallrye-openapi.security-scheme-name): Keycloak's OpenID Connect discovery. */
    public static final String SECURITY_SCHEME = "keycloak";

    static final String API_PREFIX = "/api/";
    private static final String JSON = jakarta.ws.rs.core.MediaType.APPLICATION_JSON;
    private static final String SCHEMA_REF_PREFIX = "#/components/schemas/";
    private static final DotName PROBLEM_RESPONSES = DotName.createSimple(ProblemResponses.class.getName());
    private static final DotName OPERATION = DotName.createSimple(org.eclipse.microprofile.openapi.annotations.Operation.class.getName());
    private static final Texts ENGLISH = Texts.of(Locale.ENGLISH);

    /** The fields a problem's example names and the values of its detail's placeholders, as the app would fill them. */
    private record Sample(List<Problem.FieldError> errors, Object... args) {
    }

    private static Sample args(Object... args) {
        return new Sample(List.of(), args);
    }

    private static Sample on(String field, Object... args) {
        return new Sample(List.of(new Problem.FieldError(field, null)), args);
    }

    private static final Map<ErrorCode, Sample> SAMPLES = new EnumMap<>(Map.ofEntries(
            Map.entry(ErrorCode.VALIDATION, new Sample(List.of(new Problem.FieldError("lines[0].amount",
                    ENGLISH.problem("coalition.field.money"))))),
            Map.entry(ErrorCode.MEMBER_DUPLICATE, new Sample(List.of(new Problem.FieldError("phone",
                    ENGLISH.problem("coalition.field.phone-taken"))))),
            Map.entry(ErrorCode.MEMBER_REF_MISMATCH, on("member")),
            Map.entry(ErrorCode.CAMPAIGN_STATE, args("SENT")),
            Map.entry(ErrorCode.SEGMENT_FIELD_FORBIDDEN, on("conditions[0].type", "conditions[0].type")),
            Map.entry(ErrorCode.PARTNER_UNKNOWN, args("kit-media")),
            Map.entry(ErrorCode.PARTNER_SUSPENDED, args("KIT MEDIA")),
            Map.entry(ErrorCode.PARTNER_NOT_FOUND, args("smol-neft")),
            Map.entry(ErrorCode.ORDERS_OFF, args("smol-neft")),
            Map.entry(ErrorCode.ORDER_STATE, args("NEW", "IN_WORK")),
            Map.entry(ErrorCode.ORDER_ITEM_INVALID, on("items[0].serviceId")),
            Map.entry(ErrorCode.ORDER_CHANNEL_MISSING, on("channel")),
            Map.entry(ErrorCode.ORDER_REASON_REQUIRED, on("reason")),
            Map.entry(ErrorCode.PURCHASE_NO_PROGRAM, args("KIT MEDIA")),
            Map.entry(ErrorCode.PURCHASE_RECEIPT_CONFLICT, args("R-000123")),
            Map.entry(ErrorCode.PURCHASE_GIFT_CARD_CODE, on("payments[1].giftCardCode")),
            Map.entry(ErrorCode.PURCHASE_GIFT_CARD_EXCEEDS, on("payments")),
            Map.entry(ErrorCode.PURCHASE_OVER_AMOUNT_LIMIT, on("lines", "1250000.00", "1000000")),
            Map.entry(ErrorCode.PURCHASE_OVER_POINTS_LIMIT, on("lines", 1_250_000L, 1_000_000L)),
            Map.entry(ErrorCode.PURCHASE_PAYMENTS_MISMATCH, on("payments", "17000.00", "17500.00")),
            Map.entry(ErrorCode.PURCHASE_NOT_FOUND, args("R-000123")),
            Map.entry(ErrorCode.PURCHASE_BATCH_SIZE, on("purchases", 1200, 1000)),
            Map.entry(ErrorCode.GIFTCARD_UNKNOWN, on("payments[1].giftCardCode", "GC-7KQM-4XZD")),
            Map.entry(ErrorCode.REFUND_EXCEEDS, on("lines[0].amount", "R-000123")),
            Map.entry(ErrorCode.REFUND_CONFLICT, args("F-1")),
            Map.entry(ErrorCode.REFUND_LINE_REQUIRED, on("lines[0]")),
            Map.entry(ErrorCode.OFFER_INSUFFICIENT, args(25_000L, 13_234L)),
            Map.entry(ErrorCode.REDEMPTION_INSUFFICIENT, args(500L, 120L)),
            Map.entry(ErrorCode.REDEMPTION_BAD_CODE, on("code")),
            Map.entry(ErrorCode.REDEMPTION_CONFLICT, args("P-1")),
            Map.entry(ErrorCode.REDEMPTION_IN_PROGRESS, args("P-1")),
            Map.entry(ErrorCode.ADJUSTMENT_INSUFFICIENT, args(500L, 120L)),
            Map.entry(ErrorCode.CATALOG_INSUFFICIENT_POINTS, args(300L, 120L)),
            Map.entry(ErrorCode.CATALOG_LIMIT_REACHED, args(2)),
            Map.entry(ErrorCode.CATALOG_PICTURE_INVALID, args(512)),
            Map.entry(ErrorCode.VOUCHER_ALREADY_REDEEMED, args("2026-12-10")),
            Map.entry(ErrorCode.VOUCHER_EXPIRED, args("2027-01-09")),
            Map.entry(ErrorCode.SCRATCH_BATCH_STATE, args("ACTIVE")),
            Map.entry(ErrorCode.SCRATCH_THROTTLED, args(6L)),
            Map.entry(ErrorCode.CLEARING_PERIOD, args("2026-13")),
            Map.entry(ErrorCode.TICKET_PARTNER_UNKNOWN, args("smol-neft")),
            Map.entry(ErrorCode.MACRO_TITLE_TAKEN, args("Приветствие")),
            Map.entry(ErrorCode.ATTACHMENT_TOO_LARGE, args(5)),
            Map.entry(ErrorCode.ATTACHMENT_TOO_MANY, args(10)),
            Map.entry(ErrorCode.BOARD_TOPIC_UNKNOWN, args("points")),
            Map.entry(ErrorCode.BOARD_THROTTLED, args(7L)),
            Map.entry(ErrorCode.BOARD_POST_STATE, args("PUBLISHED")),
            Map.entry(ErrorCode.BOARD_SLUG_TAKEN, args("kak-nachislyayutsya-bally"))));

    /** The problems each operation declared (by operationId), read from the classes' annotations. */
    private final Map<String, Set<ErrorCode>> declared;

    /** SmallRye OpenAPI hands a build-time filter the application's index through this constructor. */
    public ApiDocument(IndexView index) {
        this.declared = declaredProblems(index);
    }

    @Override
    public void filterOpenAPI(OpenAPI api) {
        if (api.getPaths() == null || api.getPaths().getPathItems() == null) {
            return;
        }
        api.getPaths().getPathItems().keySet().stream().filter(path -> !path.startsWith(API_PREFIX)).toList()
                .forEach(api.getPaths()::removePathItem);
        Set<ErrorCode> used = EnumSet.noneOf(ErrorCode.class);
        for (PathItem item : api.getPaths().getPathItems().values()) {
            for (Operation op : item.getOperations().values()) {
                used.addAll(addProblems(op));
            }
        }
        if (api.getComponents() == null) {
            api.setComponents(OASFactory.createComponents());
        }
        Components components = api.getComponents();
        for (ErrorCode code : used) {
            components.addExample(code.code(), OASFactory.createExample().summary(ENGLISH.problemTitle(code))
                    .value(exampleOf(code)));
        }
        dropUnreachableSchemas(api);
    }

    /** Adds a problem+json response per status the operation can refuse with; gives the codes it used. */
    private Set<ErrorCode> addProblems(Operation op) {
        Set<ErrorCode> codes = EnumSet.noneOf(ErrorCode.class);
        boolean secured = op.getSecurity() != null && op.getSecurity().stream()
                .anyMatch(r -> r.getSchemes() != null && !r.getSchemes().isEmpty());
        if (secured) {
            codes.add(ErrorCode.UNAUTHORIZED);
            codes.add(ErrorCode.FORBIDDEN);
        }
        if (op.getRequestBody() != null && op.getRequestBody().getContent() != null
                && op.getRequestBody().getContent().hasMediaType(JSON)) {
            codes.add(ErrorCode.MALFORMED_JSON);
            codes.add(ErrorCode.TOO_LARGE);
            codes.add(ErrorCode.VALIDATION);
        }
        codes.addAll(declared.getOrDefault(op.getOperationId(), Set.of()));
        if (codes.isEmpty()) {
            return codes;
        }
        if (op.getResponses() == null) {
            op.setResponses(OASFactory.createAPIResponses());
        }
        APIResponses responses = op.getResponses();
        Map<Integer, List<ErrorCode>> byStatus = codes.stream()
                .collect(Collectors.groupingBy(ErrorCode::status, TreeMap::new, Collectors.toList()));
        byStatus.forEach((status, list) -> {
            MediaType problem = OASFactory.createMediaType().schema(OASFactory.createSchema().ref("Problem"));
            list.forEach(code -> problem.addExample(code.code(), OASFactory.createExample().ref(code.code())));
            APIResponse response = OASFactory.createAPIResponse()
                    .description(list.stream().map(c -> "`" + c.code() + "`: " + ENGLISH.problemTitle(c))
                            .collect(Collectors.joining("; ")))
                    .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, problem));
            if (status == 429 || status == 503) {
                response.addHeader("Retry-After", OASFactory.createHeader()
                        .description("Seconds to wait before trying again")
                        .schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER)));
            }
            responses.addAPIResponse(Integer.toString(status), response);
        });
        // in the order of their status codes, successes first
        responses.setAPIResponses(new LinkedHashMap<>(new TreeMap<>(responses.getAPIResponses())));
        return codes;
    }

    /** The body the app answers with for {@code code}, in English, with sample values. */
    private static Map<String, Object> exampleOf(ErrorCode code) {
        Sample sample = SAMPLES.getOrDefault(code, args());
        Problem p = Problems.body(ENGLISH, code.status(), code, sample.errors(), sample.args());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", p.type());
        body.put("title", p.title());
        body.put("status", p.status());
        if (p.detail() != null) {
            body.put("detail", p.detail());
        }
        body.put("code", p.code());
        if (!p.errors().isEmpty()) {
            List<Map<String, Object>> errors = new ArrayList<>();
            for (Problem.FieldError e : p.errors()) {
                Map<String, Object> error = new LinkedHashMap<>();
                error.put("field", e.field());
                error.put("message", e.message());
                errors.add(error);
            }
            body.put("errors", errors);
        }
        return body;
    }

    /** operationId → the codes its method and class declare with {@link ProblemResponses}. */
    private static Map<String, Set<ErrorCode>> declaredProblems(IndexView index) {
        Map<String, Set<ErrorCode>> byOperation = new HashMap<>();
        for (AnnotationInstance declaration : index.getAnnotations(PROBLEM_RESPONSES)) {
            Set<ErrorCode> codes = Arrays.stream(declaration.value().asEnumArray()).map(ErrorCode::valueOf)
                    .collect(Collectors.toCollection(() -> EnumSet.noneOf(ErrorCode.class)));
            List<MethodInfo> methods = declaration.target().kind() == AnnotationTarget.Kind.CLASS
                    ? declaration.target().asClass().methods().stream().filter(m -> m.hasDeclaredAnnotation(OPERATION)).toList()
                    : List.of(declaration.target().asMethod());
            for (MethodInfo method : methods) {
                AnnotationInstance operation = method.declaredAnnotation(OPERATION);
                AnnotationValue id = operation == null ? null : operation.value("operationId");
                if (id == null || id.asString().isBlank()) {
                    throw new IllegalStateException("@ProblemResponses on " + method.declaringClass().name() + "."
                            + method.name() + " needs @Operation(operationId = ...) on that method");
                }
                byOperation.computeIfAbsent(id.asString(), k -> EnumSet.noneOf(ErrorCode.class)).addAll(codes);
            }
        }
        return byOperation;
    }

    /** Keeps the component schemas the operations reach, directly or through other schemas; drops the rest. */
    private static void dropUnreachableSchemas(OpenAPI api) {
        Map<String, Schema> schemas = api.getComponents().getSchemas();
        if (schemas == null || schemas.isEmpty()) {
            return;
        }
        Deque<String> todo = new ArrayDeque<>();
        for (PathItem item : api.getPaths().getPathItems().values()) {
            if (item.getParameters() != null) {
                item.getParameters().forEach(p -> refsOf(p, todo));
            }
            for (Operation op : item.getOperations().values()) {
                if (op.getParameters() != null) {
                    op.getParameters().forEach(p -> refsOf(p, todo));
                }
                if (op.getRequestBody() != null) {
                    refsOf(op.getRequestBody().getContent(), todo);
                }
                if (op.getResponses() != null && op.getResponses().getAPIResponses() != null) {
                    for (APIResponse r : op.getResponses().getAPIResponses().values()) {
                        refsOf(r.getContent(), todo);
                        if (r.getHeaders() != null) {
                            r.getHeaders().values().forEach(h -> refsOf(h, todo));
                        }
                    }
                }
            }
        }
        Set<String> reached = new HashSet<>();
        while (!todo.isEmpty()) {
            String name = todo.pop();
            if (reached.add(name) && schemas.containsKey(name)) {
                refsOf(schemas.get(name), todo);
            }
        }
        schemas.keySet().stream().filter(name -> !reached.contains(name)).toList()
                .forEach(api.getComponents()::removeSchema);
    }

    private static void refsOf(Parameter p, Collection<String> into) {
        refsOf(p.getSchema(), into);
        refsOf(p.getContent(), into);
    }

    private static void refsOf(Header h, Collection<String> into) {
        refsOf(h.getSchema(), into);
        refsOf(h.getContent(), into);
    }

    private static void refsOf(Content content, Collection<String> into) {
        if (content != null && content.getMediaTypes() != null) {
            content.getMediaTypes().values().forEach(m -> refsOf(m.getSchema(), into));
        }
    }

    /** Every schema this one names, at any depth (properties, items, allOf, ...). */
    private static void refsOf(Object node, Collection<String> into) {
        if (node instanceof Schema schema) {
            if (schema.getRef() != null && schema.getRef().startsWith(SCHEMA_REF_PREFIX)) {
                into.add(schema.getRef().substring(SCHEMA_REF_PREFIX.length()));
            }
            schema.getAll().values().forEach(value -> refsOf(value, into));
        } else if (node instanceof Map<?, ?> map) {
            map.values().forEach(value -> refsOf(value, into));
        } else if (node instanceof Collection<?> list) {
            list.forEach(value -> refsOf(value, into));
        }
    }
}
