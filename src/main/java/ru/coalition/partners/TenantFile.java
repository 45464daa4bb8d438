package ru.coalition.partners;

/** The content of one tenants/<slug>.yaml. */
public record TenantFile(String slug, String name, String legalName, String city, String timeZone,
                         ProgramDefinition program) {
}
