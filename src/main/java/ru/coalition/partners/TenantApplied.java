package ru.coalition.partners;

/**
 * Fired inside the transaction that applied a changed tenant file, so the features above the partners (orders) take
 * their own sections of it in the same transaction: a section that fails to apply fails the whole file.
 */
public record TenantApplied(Partner partner, TenantFile file) {
}
