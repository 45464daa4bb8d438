package ru.coalition.scratchcards;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The two statements of a code entry, each atomic on its own, on a plain connection without a surrounding transaction:
 * one read that finds the member, whether either guess bucket has ever been touched, the card with its batch and the
 * member's wallets that could take its points; and one data-modifying statement that takes the card (only if still
 * free and its batch still active), appends the ledger entry and moves the wallet's total.
 *
 * <p>Like the purchase path (purchases.PurchaseStatements) this reads and writes other features' tables directly,
 * because through their services each would be a statement and a transaction more; the rules stay theirs: the wallet
 * total moves in the statement that appends the entry (ledger), and a guess bucket is only read here, never written
 * (ScratchThrottle, through Bucket4j).
 */
final class ScratchStatements {

    private ScratchStatements() {
    }

    /** What one read found; card fields are null when no card has the code's hash. */
    record Found(long memberId, boolean watched, Long partnerId, Long batchId, Integer serialNo, Long redeemedBy,
                 String status, LocalDate validUntil, Long points, Integer batchNo, Long coalitionWallet, Long partnerWallet) {

        boolean hasCard() {
            return partnerId != null;
        }
    }

    private static final String READ = """
            select m.id,
                   exists(select 1 from scratch_throttle_member t where t.id = m.id)
                       or exists(select 1 from scratch_throttle_address a where a.id = ?),
                   c.partner_id, c.batch_id, c.serial_no, c.redeemed_by, b.status, b.valid_until, b.points_per_card, b.batch_no,
                   (select w.id from wallet w where w.member_id = m.id and w.partner_id is null),
                   (select w.id from wallet w where w.member_id = m.id and w.partner_id = c.partner_id)
            from member m
            left join scratch_card c on c.code_hash = ?
            left join scratch_batch b on b.id = c.batch_id
            where\s""";

    /**
     * The member (by the token's subject, or by id when {@code subject} is null), the guess buckets and the card whose
     * code hashes to {@code codeHash} (none when null: a typo is not looked up); null when there is no such member.
     * "Watched" means a bucket of the member or of the address exists: Bucket4j creates one on first use and deletes it
     * only once it is full again, so without one, neither has had a refused guess within the hour.
     */
    static Found read(Connection c, String subject, Long memberId, byte[] codeHash, long addressKey) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(READ + (subject != null ? "m.keycloak_id = ?" : "m.id = ?"))) {
            s.setLong(1, addressKey);
            s.setBytes(2, codeHash);
            if (subject != null) {
                s.setString(3, subject);
            } else {
                s.setLong(3, memberId);
            }
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return null;
                }
                return new Found(r.getLong(1), r.getBoolean(2), nullable(r, 3), nullable(r, 4), (Integer) r.getObject(5),
                        nullable(r, 6), r.getString(7), r.getObject(8, LocalDate.class), nullable(r, 9),
                        (Integer) r.getObject(10), nullable(r, 11), nullable(r, 12));
            }
        }
    }

    private static final String CREDIT = """
            with c as (update scratch_card set redeemed_by = ?, redeemed_at = ?
                       where partner_id = ? and batch_id = ? and serial_no = ? and redeemed_by is null
                         and exists (select 1 from scratch_batch b where b.id = scratch_card.batch_id and b.status = 'ACTIVE')
                       returning batch_id),
                 e as (insert into ledger_entry (wallet_id, member_id, partner_id, kind, amount, activates_at, created_at,
                                                 source_type, source_id, note, expires_at)
                       select ?, ?, ?, 'SCRATCH', ?, ?, ?, ?, c.batch_id, ?, ? from c
                       returning wallet_id, amount)
            update wallet set balance = wallet.balance + e.amount from e where wallet.id = e.wallet_id""";

    /** The card taken by the member and its points credited; false if someone took it first or its batch ended. */
    static boolean credit(Connection c, Found card, long walletId, Instant activatesAt, Instant expiresAt, String serial,
                          Instant now) throws SQLException {
        OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        try (PreparedStatement s = c.prepareStatement(CREDIT)) {
            int i = 1;
            s.setLong(i++, card.memberId());
            s.setObject(i++, at);
            s.setLong(i++, card.partnerId());
            s.setLong(i++, card.batchId());
            s.setInt(i++, card.serialNo());
            s.setLong(i++, walletId);
            s.setLong(i++, card.memberId());
            s.setLong(i++, card.partnerId());
            s.setLong(i++, card.points());
            s.setObject(i++, OffsetDateTime.ofInstant(activatesAt, ZoneOffset.UTC));
            s.setObject(i++, at);
            s.setString(i++, ScratchRedemptions.SOURCE);
            s.setString(i++, serial);
            if (expiresAt == null) {
                s.setNull(i, Types.TIMESTAMP_WITH_TIMEZONE);
            } else {
                s.setObject(i, OffsetDateTime.ofInstant(expiresAt, ZoneOffset.UTC));
            }
            return s.executeUpdate() == 1;
        }
    }

    private static Long nullable(ResultSet r, int column) throws SQLException {
        long v = r.getLong(column);
        return r.wasNull() ? null : v;
    }
}
