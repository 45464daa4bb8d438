package ru.coalition.ledger;

import java.util.List;

/**
 * A check a feature adds to the ledger audit: its own records against what it posted to the ledger. It runs inside
 * the audit's transaction, so every check reads one consistent snapshot; it reads its own tables and asks the ledger
 * for the entries ({@link LedgerService#sourceSums}).
 */
public interface AuditCheck {

    List<LedgerAudit.Breach> breaches(int limit);
}
