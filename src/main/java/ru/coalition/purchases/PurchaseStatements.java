package ru.coalition.purchases;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The two statements of the purchase path, for one receipt or a batch of them (issue 8): one read that enters the
 * partner's row-level-security scope and finds, per receipt, the member, the wallet, the once-only bonuses taken, the
 * tier and a receipt already stored; and one data-modifying statement that writes the purchases, their lines, the
 * welcome grants, the ledger entries and the wallet totals. Arrays carry the receipts, so the write's SQL text is the
 * same for one receipt and for a thousand and stays prepared on the connection (the read has a form for one receipt).
 *
 * <p>This is the one place where the purchase path reads and writes the tables of other features (members, ledger,
 * bonuses, tiers) directly: doing it through their services costs a statement each. The rules stay theirs: the
 * wallet total moves in the statement that appends the entries (ledger), a grant is once per key (bonuses), the tier
 * is read as TierService stores it.
 */
final class PurchaseStatements {

    private PurchaseStatements() {
    }

    /** A member one of the receipt's identifiers named, and which of them named it. */
    record Match(long memberId, Long referredBy, boolean byCard, boolean byPhone, boolean byId, Long walletId,
                 boolean welcomeTaken, boolean referralTaken, String tierCode) {
    }

    /** A receipt id already stored for the partner: its fingerprint and first answer. */
    record Stored(String fingerprint, String response) {
    }

    record Found(List<List<Match>> matches, List<Stored> stored) {
    }

    /** What the till named, per receipt. */
    record Lookup(String card, String phone, UUID memberId, String receiptId) {
    }

    private static final String READ_TAIL = """
            left join member m on m.card_number = r.card or m.phone = r.phone or m.public_id = r.pub
            left join wallet w on w.member_id = m.id and w.partner_id is not distinct from ?
            left join purchase_receipt rr on rr.partner_id = ? and rr.receipt_id = r.receipt
            left join purchase k on k.id = rr.purchase_id
            order by r.idx""";

    private static final String READ = """
            select set_config('app.partner', ?, true), set_config('role', 'coalition_partner', true), r.idx, m.id,
                   m.referred_by, m.card_number = r.card, m.phone = r.phone, m.public_id = r.pub, w.id,
                   exists(select 1 from bonus_grant g where g.partner_id = ? and g.member_id = m.id and g.kind = 'WELCOME'
                          and g.grant_key = ''),
                   exists(select 1 from bonus_grant g where g.partner_id = ? and g.member_id = m.id and g.kind = 'REFERRAL'
                          and g.grant_key = ''),
                   (select t.tier_code from member_tier t where t.partner_id = ? and t.member_id = m.id),
                   k.fingerprint, k.response::text
            from unnest(?::text[], ?::text[], ?::uuid[], ?::text[]) with ordinality as r(card, phone, pub, receipt, idx)
            """ + READ_TAIL;

    /**
     * The same for one receipt, with plain parameters, sent as one request with the statement that enters the scope:
     * that one also tells PostgreSQL to keep a generic plan for the rest of the transaction. Planned afresh on every
     * call, as PostgreSQL chose for it, the read cost 0.55 ms of planning per purchase (measured); with the generic
     * plan kept on the connection, nothing. The read then runs in the partner's scope, so row-level security applies to
     * it too. Batches keep the array form, planned once per batch with the real number of receipts.
     */
    private static final String READ_ONE = "select set_config('plan_cache_mode', 'force_generic_plan', true),"
            + " set_config('app.partner', ?, true), set_config('role', 'coalition_partner', true);\n"
            + "select null, null" + READ.substring(READ.indexOf(", r.idx"), READ.indexOf("from unnest")) + """
            from (values (?::text, ?::text, ?::uuid, ?::text, 1::bigint)) as r(card, phone, pub, receipt, idx)
            """ + READ_TAIL;

    /** Statement one; it also enters the partner's scope for the rest of the transaction. */
    static Found read(Connection c, long partnerId, Long walletPartnerId, List<Lookup> lookups) throws SQLException {
        int n = lookups.size();
        List<List<Match>> matches = new ArrayList<>();
        List<Stored> stored = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            matches.add(new ArrayList<>());
            stored.add(null);
        }
        try (PreparedStatement s = c.prepareStatement(n == 1 ? READ_ONE : READ)) {
            s.setString(1, Long.toString(partnerId));
            s.setLong(2, partnerId);
            s.setLong(3, partnerId);
            s.setLong(4, partnerId);
            if (n == 1) {
                Lookup one = lookups.get(0);
                s.setString(5, one.card());
                s.setString(6, one.phone());
                s.setObject(7, one.memberId(), java.sql.Types.OTHER);
                s.setString(8, one.receiptId());
            } else {
                s.setArray(5, c.createArrayOf("text", lookups.stream().map(Lookup::card).toArray()));
                s.setArray(6, c.createArrayOf("text", lookups.stream().map(Lookup::phone).toArray()));
                s.setArray(7, c.createArrayOf("uuid", lookups.stream().map(Lookup::memberId).toArray()));
                s.setArray(8, c.createArrayOf("text", lookups.stream().map(Lookup::receiptId).toArray()));
            }
            s.setObject(9, walletPartnerId, java.sql.Types.BIGINT);
            s.setLong(10, partnerId);
            if (n == 1) {
                // the first result is the scope's
                s.execute();
                s.getMoreResults();
            } else {
                s.execute();
            }
            try (ResultSet r = s.getResultSet()) {
                while (r.next()) {
                    int i = r.getInt(3) - 1;
                    long member = r.getLong(4);
                    if (!r.wasNull()) {
                        matches.get(i).add(new Match(member, (Long) r.getObject(5), r.getBoolean(6), r.getBoolean(7),
                                r.getBoolean(8), (Long) r.getObject(9), r.getBoolean(10), r.getBoolean(11), r.getString(12)));
                    }
                    if (r.getString(13) != null) {
                        stored.set(i, new Stored(r.getString(13), r.getString(14)));
                    }
                }
            }
        }
        return new Found(matches, stored);
    }

    /** One receipt to write; entries with a zero amount are left out by the caller. */
    record Row(UUID publicId, String receiptId, long memberId, long walletId, long versionId, Instant occurredAt,
               String fingerprint, long total, long giftCardPaid, long giftCardBonus, BigDecimal multiplier, long points,
               Instant activatesAt, String response, List<LineRow> lines, List<EntryRow> entries, boolean welcomeGrant) {
        Row withWallet(long wallet) {
            return new Row(publicId, receiptId, memberId, wallet, versionId, occurredAt, fingerprint, total, giftCardPaid,
                    giftCardBonus, multiplier, points, activatesAt, response, lines, entries, welcomeGrant);
        }
    }

    record LineRow(int lineNo, String sku, String name, String category, boolean promo, long amount) {
    }

    /** expiresAt: when the credit lapses under its program version (null: never by date), computed before the write. */
    record EntryRow(String kind, long amount, Instant activatesAt, String note, Instant expiresAt) {
    }

    /** The receipts written (a receipt another transaction stored first is not), and the welcome grants made. */
    record Written(Map<String, Long> purchaseIds, int welcomeGrants) {
    }

    /*
     * The registry row comes first (V47): purchases are partitioned, so "one purchase per partner and receipt id" is
     * the registry's key, and its conflict is a replay written by another transaction. The purchase takes the id the
     * registry drew for it.
     */
    private static final String WRITE = """
            with x as (
                select * from unnest(?::uuid[], ?::text[], ?::bigint[], ?::bigint[], ?::bigint[], ?::timestamptz[], ?::text[],
                                     ?::bigint[], ?::bigint[], ?::bigint[], ?::numeric[], ?::bigint[], ?::timestamptz[], ?::text[])
                     as x(pub, receipt, member, wallet, version, occurred, fp, total, gcp, gcb, mult, points, act, resp)),
            k as (
                insert into purchase_receipt (partner_id, receipt_id, purchase_id)
                select ?, x.receipt, nextval('purchase_id_seq') from x
                on conflict do nothing
                returning receipt_id, purchase_id),
            p as (
                insert into purchase (id, public_id, partner_id, receipt_id, member_id, wallet_id, program_version_id, occurred_at,
                                      fingerprint, total, gift_card_paid, gift_card_bonus, multiplier, points, activates_at,
                                      response, created_at)
                overriding system value
                select k.purchase_id, x.pub, ?, x.receipt, x.member, x.wallet, x.version, x.occurred, x.fp, x.total, x.gcp, x.gcb,
                       x.mult, x.points, x.act, x.resp::jsonb, ?
                from x join k on k.receipt_id = x.receipt
                returning id, receipt_id, member_id, wallet_id),
            l as (
                insert into purchase_line (purchase_id, partner_id, line_no, sku, name, category, promo, amount)
                select p.id, ?, y.line_no, y.sku, y.name, y.category, y.promo, y.amount
                from unnest(?::text[], ?::int[], ?::text[], ?::text[], ?::text[], ?::boolean[], ?::bigint[])
                     as y(receipt, line_no, sku, name, category, promo, amount)
                join p on p.receipt_id = y.receipt),
            g as (
                insert into bonus_grant (partner_id, member_id, kind, grant_key, granted_at)
                select ?, p.member_id, 'WELCOME', '', ? from p join unnest(?::text[]) as z(receipt) on z.receipt = p.receipt_id
                on conflict do nothing
                returning member_id),
            e as (
                insert into ledger_entry (wallet_id, member_id, partner_id, kind, amount, activates_at, created_at, source_type,
                                          source_id, note, expires_at)
                select p.wallet_id, p.member_id, ?, v.kind, v.amount, v.act, ?, 'purchase', p.id, v.note, v.exp
                from unnest(?::text[], ?::text[], ?::bigint[], ?::timestamptz[], ?::text[], ?::timestamptz[])
                     as v(receipt, kind, amount, act, note, exp)
                join p on p.receipt_id = v.receipt
                returning wallet_id, amount),
            w as (
                update wallet set balance = wallet.balance + s.total
                from (select wallet_id, sum(amount) as total from e group by wallet_id) s
                where wallet.id = s.wallet_id)
            select p.id, p.receipt_id, (select count(*) from g) from p""";

    /** Statement two. */
    static Written write(Connection c, long partnerId, Instant now, List<Row> rows) throws SQLException {
        List<Object[]> lines = new ArrayList<>();
        List<Object[]> entries = new ArrayList<>();
        for (Row row : rows) {
            row.lines().forEach(l -> lines.add(new Object[]{row.receiptId(), l.lineNo(), l.sku(), l.name(), l.category(), l.promo(), l.amount()}));
            row.entries().forEach(e -> entries.add(new Object[]{row.receiptId(), e.kind(), e.amount(), e.activatesAt().toString(), e.note(),
                    e.expiresAt() == null ? null : e.expiresAt().toString()}));
        }
        java.time.OffsetDateTime at = java.time.OffsetDateTime.ofInstant(now, java.time.ZoneOffset.UTC);
        try (PreparedStatement s = c.prepareStatement(WRITE)) {
            int i = 1;
            i = column(c, s, i, "uuid", rows, Row::publicId);
            i = column(c, s, i, "text", rows, Row::receiptId);
            i = column(c, s, i, "bigint", rows, Row::memberId);
            i = column(c, s, i, "bigint", rows, Row::walletId);
            i = column(c, s, i, "bigint", rows, Row::versionId);
            i = column(c, s, i, "text", rows, r -> r.occurredAt().toString());
            i = column(c, s, i, "text", rows, Row::fingerprint);
            i = column(c, s, i, "bigint", rows, Row::total);
            i = column(c, s, i, "bigint", rows, Row::giftCardPaid);
            i = column(c, s, i, "bigint", rows, Row::giftCardBonus);
            i = column(c, s, i, "numeric", rows, Row::multiplier);
            i = column(c, s, i, "bigint", rows, Row::points);
            i = column(c, s, i, "text", rows, r -> r.activatesAt().toString());
            i = column(c, s, i, "text", rows, Row::response);
            s.setLong(i++, partnerId);
            s.setLong(i++, partnerId);
            s.setObject(i++, at);
            s.setLong(i++, partnerId);
            String[] lineTypes = {"text", "int4", "text", "text", "text", "bool", "bigint"};
            for (int k = 0; k < lineTypes.length; k++) {
                int field = k;
                i = column(c, s, i, lineTypes[k], lines, l -> l[field]);
            }
            s.setLong(i++, partnerId);
            s.setObject(i++, at);
            i = column(c, s, i, "text", rows.stream().filter(Row::welcomeGrant).toList(), Row::receiptId);
            s.setLong(i++, partnerId);
            s.setObject(i++, at);
            String[] entryTypes = {"text", "text", "bigint", "text", "text", "text"};
            for (int k = 0; k < entryTypes.length; k++) {
                int field = k;
                i = column(c, s, i, entryTypes[k], entries, e -> e[field]);
            }
            Map<String, Long> written = new HashMap<>();
            int grants = 0;
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    written.put(r.getString(2), r.getLong(1));
                    grants = r.getInt(3);
                }
            }
            return new Written(written, grants);
        }
    }

    private static <T> int column(Connection c, PreparedStatement s, int index, String type, List<T> rows,
                                  java.util.function.Function<T, Object> field) throws SQLException {
        Array array = c.createArrayOf(type, rows.stream().map(field).toArray());
        s.setArray(index, array);
        return index + 1;
    }

    /**
     * The wallets a write moves (a referrer's too), locked in one order first: two transactions sharing members cannot
     * deadlock.
     */
    static void lockWallets(Connection c, List<Long> walletIds) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select id from wallet where id = any(?) order by id for no key update")) {
            s.setArray(1, c.createArrayOf("bigint", walletIds.toArray()));
            s.executeQuery().close();
        }
    }
}
