package ru.coalition.purchases;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import ru.coalition.identity.Roles;
import ru.coalition.partners.CurrentPartner;
import ru.coalition.partners.Partner;
import ru.coalition.platform.ApiDocument;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.Problem;
import ru.coalition.platform.ProblemException;
import ru.coalition.platform.ProblemResponses;
import ru.coalition.platform.Problems;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Receipts an offline till kept and uploads at once (API-CONTRACT.md "Batches of receipts"): up to 1 000 in one
 * request and one transaction, each answered as if posted alone, in the order sent. An item that cannot be read or is
 * invalid gets its own problem and never stops the others.
 */
@Path("/api/v1/purchase-batches")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.PARTNER_ADMIN, Roles.PARTNER_CASHIER})
@Tag(name = ApiDocument.TAG_PURCHASES)
@SecurityRequirement(name = ApiDocument.SECURITY_SCHEME)
public class PurchaseBatchApiResource {

    public static final int MAX_RECEIPTS = 1000;

    /** Items are read one by one, so that one unreadable receipt is that receipt's problem only. */
    @Schema(name = "PurchaseBatch")
    public record BatchRequest(
            @Schema(type = SchemaType.ARRAY, implementation = PurchaseRequest.class, minItems = 1, maxItems = MAX_RECEIPTS,
                    description = "Receipts as POST /api/v1/purchases takes them") List<JsonNode> purchases) {
    }

    @Schema(name = "PurchaseBatchResult")
    public record Result(
            @Schema(description = "The receipt's id, when it could be read") String receiptId,
            @Schema(description = "What POST /api/v1/purchases would have answered: 201, 200 (replay), 409, 404, 422, ...")
            int status,
            @Schema(implementation = PurchaseService.PurchaseAnswer.class, description = "The answer, for 201 and 200")
            @JsonRawValue String purchase,
            @Schema(description = "The problem, for any other status") Problem problem) {
    }

    @Schema(name = "PurchaseBatchAnswer")
    public record BatchAnswer(List<Result> results) {
    }

    @Inject
    CurrentPartner currentPartner;

    @Inject
    PurchaseService purchases;

    @Inject
    ObjectMapper json;

    @Inject
    Validator validator;

    @Inject
    Problems problems;

    @POST
    @Operation(operationId = "postPurchaseBatch", summary = "Post up to 1 000 receipts an offline till kept",
            description = "One result per receipt, in the order sent; each receipt is answered exactly as if it had"
                    + " been posted alone (idempotent per receiptId), and one that cannot be read or is invalid gets its"
                    + " own 422 without stopping the others. One transaction: on a 5xx nothing was written.")
    @ProblemResponses({ErrorCode.PARTNER_NO_CLAIM, ErrorCode.PARTNER_UNKNOWN, ErrorCode.PARTNER_SUSPENDED, ErrorCode.TILL_ONLY,
            ErrorCode.PURCHASE_BATCH_SIZE, ErrorCode.PURCHASE_RETRY})
    public BatchAnswer post(@NotNull(message = "{coalition.field.body-required}") BatchRequest batch) {
        Partner partner = currentPartner.requireTill();
        int size = batch.purchases() == null ? 0 : batch.purchases().size();
        if (size < 1 || size > MAX_RECEIPTS) {
            throw new ProblemException(ErrorCode.PURCHASE_BATCH_SIZE, List.of(new Problem.FieldError("purchases", null)),
                    size, MAX_RECEIPTS);
        }
        Result[] results = new Result[size];
        List<PurchaseRequest> valid = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            JsonNode item = batch.purchases().get(i);
            String receiptId = item != null && item.path("receiptId").isTextual() ? item.path("receiptId").asText() : null;
            Problem problem;
            try {
                if (item == null || !item.isObject()) {
                    throw new ProblemException(ErrorCode.VALIDATION, List.of(new Problem.FieldError("purchases[" + i + "]", null)));
                }
                PurchaseRequest r = json.treeToValue(item, PurchaseRequest.class);
                Set<ConstraintViolation<PurchaseRequest>> violations = validator.validate(r);
                if (violations.isEmpty()) {
                    valid.add(r);
                    positions.add(i);
                    continue;
                }
                problem = problems.invalid(violations);
            } catch (ProblemException e) {
                problem = problems.body(e);
            } catch (JsonProcessingException e) {
                problem = problems.unreadable(Problems.fieldOf(e));
            }
            results[i] = new Result(receiptId, problem.status(), null, problem);
        }
        if (!valid.isEmpty()) {
            List<PurchaseService.Outcome> outcomes = purchases.postAll(partner, valid);
            for (int k = 0; k < outcomes.size(); k++) {
                PurchaseService.Outcome o = outcomes.get(k);
                String receiptId = valid.get(k).receiptId();
                results[positions.get(k)] = o.problem() == null
                        ? new Result(receiptId, o.answer().replay() ? 200 : 201, o.answer().json(), null)
                        : new Result(receiptId, o.problem().code().status(), null, problems.body(o.problem()));
            }
        }
        return new BatchAnswer(List.of(results));
    }
}
