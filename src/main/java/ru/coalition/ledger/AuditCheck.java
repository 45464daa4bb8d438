package ru.coalition.ledger;

import jakarta.persistence.EntityManager;

import java.util.List;

/**
 * A check a feature adds to the ledger audit: its own records against what it posted to the ledger. It reads through
 * the audit's EntityManager (a snapshot on the read replica, or the caller's transaction), so every check sees one
 * consistent snapshot; it reads its own tables and asks the ledger for the entries ({@link LedgerService#sourceSums}).
 */
public interface AuditCheck {

    List<LedgerAudit.Breach> breaches(EntityManager em, int limit);
}
