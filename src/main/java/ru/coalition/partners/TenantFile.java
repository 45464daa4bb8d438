package ru.coalition.partners;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The content of one tenants/<slug>.yaml. The orders section stays JSON here: the orders feature reads it when the file
 * is applied ({@link TenantApplied}), so this package does not know its shape beyond the schema.
 */
public record TenantFile(String slug, String name, String legalName, String city, String timeZone,
                         ProgramDefinition program, Clearing clearing, JsonNode orders) {

    /** What the operator agreed with the partner for clearing: RUB per coalition point, both ways. */
    public record Clearing(java.math.BigDecimal ratePerPoint) {
    }
}
