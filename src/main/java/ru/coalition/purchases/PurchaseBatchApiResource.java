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
import ru.coalition.identity.Roles;
import ru.coalition.partners.CurrentPartner;
import ru.coalition.partners.Partner;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.Problem;
import ru.coalition.platform.ProblemException;
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
public class PurchaseBatchApiResource {

    public static final int MAX_RECEIPTS = 1000;

    /** Items are read one by one, so that one unreadable receipt is that receipt's problem only. */
    public record BatchRequest(List<JsonNode> purchases) {
    }

    public record Result(String receiptId, int status, @JsonRawValue String purchase, Problem problem) {
    }

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
