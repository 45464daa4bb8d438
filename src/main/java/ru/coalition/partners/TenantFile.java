package ru.coalition.partners;

/** The content of one tenants/<slug>.yaml. */
public record TenantFile(String slug, String name, String legalName, String city, String timeZone,
                         ProgramDefinition program, Clearing clearing) {

    /** What the operator agreed with the partner for clearing: RUB per coalition point, both ways. */
    public record Clearing(java.math.BigDecimal ratePerPoint) {
    }
}
