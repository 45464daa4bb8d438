package ru.coalition.platform;

/**
 * Every reason a request can be refused, with its HTTP status and its stable {@code code}: the {@code code} of the
 * problem+json body, the tail of its {@code type} (urn:coalition:problem:&lt;code&gt;) and the prefix of its texts in
 * i18n/problems*.properties ({@code <code>.title}, {@code <code>.detail}). Codes are an API contract: never rename one.
 * TextsCompleteTest checks that each has Russian and English texts.
 */
public enum ErrorCode {

    // request shape and protocol (ProblemMappers, route filters)
    VALIDATION(422, "validation"),
    MALFORMED_JSON(400, "malformed-json"),
    BAD_ENCODING(400, "bad-encoding"),
    TOO_LARGE(413, "too-large"),
    CROSS_SITE(403, "cross-site"),
    BAD_REQUEST(400, "bad-request"),
    NOT_FOUND(404, "not-found"),
    METHOD_NOT_ALLOWED(405, "method-not-allowed"),
    NOT_ACCEPTABLE(406, "not-acceptable"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type"),
    UNAUTHORIZED(401, "unauthorized"),
    FORBIDDEN(403, "forbidden"),
    INTERNAL(500, "internal"),
    /** A statement ran past its limit (an analytics period too large for the data): the answer says so, not "internal". */
    STATEMENT_TIMEOUT(503, "statement-timeout"),
    /**
     * The database cannot be reached or is changing its primary (a failover takes about ten seconds): the caller retries
     * the same request, which the idempotency keys make safe even when a commit's outcome was lost with its connection.
     */
    DATABASE_UNAVAILABLE(503, "database.unavailable"),

    // identity provider (Keycloak)
    IDENTITY_UNAVAILABLE(502, "identity.unavailable"),

    // staff of partners and of the operator, invited by e-mail
    ACCESS_REVOKED(401, "access.revoked"),
    STAFF_DUPLICATE(409, "staff.duplicate"),
    STAFF_NOT_FOUND(404, "staff.not-found"),
    STAFF_SELF(422, "staff.self"),
    INVITATION_INVALID(410, "invitation.invalid"),

    // members and registration
    MEMBER_DUPLICATE(409, "member.duplicate"),
    MEMBER_NOT_FOUND(404, "member.not-found"),
    MEMBER_REF_MISMATCH(422, "member.ref-mismatch"),
    REGISTRATION_THROTTLED(429, "registration.throttled"),

    // the member's own profile: a new phone or e-mail confirmed by a code, deletion (issue 9 §3)
    CONTACT_CODE_WRONG(422, "contact.code-wrong"),
    CONTACT_CODE_EXPIRED(422, "contact.code-expired"),
    CONTACT_THROTTLED(429, "contact.throttled"),
    CONTACT_UNCHANGED(422, "contact.unchanged"),
    CONTACT_TAKEN(409, "contact.taken"),
    ERASURE_UNCONFIRMED(422, "member.erasure-unconfirmed"),

    // partners and the calling partner's token
    PARTNER_NO_CLAIM(403, "partner.no-claim"),
    PARTNER_UNKNOWN(403, "partner.unknown"),
    PARTNER_SUSPENDED(403, "partner.suspended"),
    PARTNER_NOT_FOUND(404, "partner.not-found"),
    PARTNER_DUPLICATE(409, "partner.duplicate"),

    // tills
    TILL_ONLY(403, "till.only"),
    TILL_LOOKUPS_THROTTLED(429, "till.lookups-throttled"),

    // programs
    PROGRAM_NOT_FOUND(404, "program.not-found"),

    // purchases and gift cards paying for them
    PURCHASE_IN_FUTURE(422, "purchase.in-future"),
    PURCHASE_TOO_OLD(422, "purchase.too-old"),
    PURCHASE_NO_PROGRAM(422, "purchase.no-program"),
    PURCHASE_RECEIPT_CONFLICT(409, "purchase.receipt-conflict"),
    PURCHASE_GIFT_CARD_CODE(422, "purchase.gift-card-code"),
    PURCHASE_GIFT_CARD_EXCEEDS(422, "purchase.gift-card-exceeds"),
    PURCHASE_OVER_AMOUNT_LIMIT(422, "purchase.over-amount-limit"),
    PURCHASE_OVER_POINTS_LIMIT(422, "purchase.over-points-limit"),
    PURCHASE_PAYMENTS_MISMATCH(422, "purchase.payments-mismatch"),
    PURCHASE_NOT_FOUND(404, "purchase.not-found"),
    PURCHASE_RETRY(503, "purchase.retry"),
    PURCHASE_BATCH_SIZE(422, "purchase.batch-size"),
    GIFTCARD_UNKNOWN(422, "giftcard.unknown"),

    // refunds
    REFUND_EXCEEDS(422, "refund.exceeds"),
    REFUND_CONFLICT(409, "refund.conflict"),
    REFUND_LINE_REQUIRED(422, "refund.line-required"),

    // offers (rewards)
    OFFER_NOT_FOUND(404, "offer.not-found"),
    OFFER_COLLECTED(409, "offer.collected"),
    OFFER_EXPIRED(409, "offer.expired"),
    OFFER_INSUFFICIENT(422, "offer.insufficient"),

    // redemptions (paying with points at a till)
    REDEMPTION_INSUFFICIENT(422, "redemption.insufficient"),
    REDEMPTION_BAD_CODE(422, "redemption.bad-code"),
    REDEMPTION_THROTTLED(429, "redemption.throttled"),
    REDEMPTION_CONFLICT(409, "redemption.conflict"),
    REDEMPTION_IN_PROGRESS(409, "redemption.in-progress"),

    // ledger: operator adjustments
    ADJUSTMENT_INSUFFICIENT(422, "adjustment.insufficient"),

    // scratch cards (issue 10)
    SCRATCH_DISABLED(422, "scratch.disabled"),
    SCRATCH_BATCH_NOT_FOUND(404, "scratch.batch-not-found"),
    SCRATCH_BATCH_STATE(409, "scratch.batch-state"),
    SCRATCH_CODE_INVALID(422, "scratch.code-invalid"),
    SCRATCH_CODE_TYPO(422, "scratch.code-typo"),
    SCRATCH_CODE_REDEEMED(422, "scratch.code-redeemed"),
    SCRATCH_THROTTLED(429, "scratch.throttled"),

    // the rewards catalog and its vouchers (issue 10 §4)
    CATALOG_REWARD_NOT_FOUND(404, "catalog.reward-not-found"),
    CATALOG_UNAVAILABLE(422, "catalog.unavailable"),
    CATALOG_INSUFFICIENT_POINTS(422, "catalog.insufficient-points"),
    CATALOG_OUT_OF_STOCK(422, "catalog.out-of-stock"),
    CATALOG_LIMIT_REACHED(422, "catalog.limit-reached"),
    CATALOG_PICTURE_INVALID(422, "catalog.picture-invalid"),
    VOUCHER_NOT_FOUND(404, "voucher.not-found"),
    VOUCHER_ALREADY_REDEEMED(409, "voucher.already-redeemed"),
    VOUCHER_EXPIRED(409, "voucher.expired"),

    // clearing (issue 10 §6)
    CLEARING_PERIOD(422, "clearing.period"),

    // the support desk (issue 11)
    TICKET_NOT_FOUND(404, "ticket.not-found"),
    TICKET_PARTNER_UNKNOWN(422, "ticket.partner-unknown"),
    TICKET_CLOSED(422, "ticket.closed"),
    TICKET_NOT_SOLVED(422, "ticket.not-solved"),
    TICKET_RATED(409, "ticket.rated"),
    TICKET_NO_MEMBER(422, "ticket.no-member"),
    TICKET_MERGE_SELF(422, "ticket.merge-self"),
    TICKET_MERGE_OTHER_MEMBER(422, "ticket.merge-other-member"),
    MACRO_TITLE_TAKEN(409, "macro.title-taken"),
    ATTACHMENT_TOO_LARGE(413, "attachment.too-large"),
    ATTACHMENT_TYPE(415, "attachment.type"),
    ATTACHMENT_TOO_MANY(422, "attachment.too-many"),
    ATTACHMENT_NOT_FOUND(404, "attachment.not-found"),
    CALL_CARD_UNKNOWN(422, "call.card-unknown"),

    // the support desk's service levels (issue 11 §3)
    SLA_HOLIDAY_NOT_FOUND(404, "sla.holiday-not-found"),
    NOTICE_NOT_FOUND(404, "notice.not-found"),
    // support satisfaction and figures (issue 11 §7)
    RATING_LINK_INVALID(404, "rating.link-invalid"),
    RATING_LINK_EXPIRED(410, "rating.link-expired"),
    FIGURES_PERIOD(422, "figures.period"),

    // the public Q&A board and the knowledge base (issue 11 §6)
    BOARD_TOPIC_UNKNOWN(422, "board.topic-unknown"),
    BOARD_POST_NOT_FOUND(404, "board.post-not-found"),
    BOARD_ARTICLE_NOT_FOUND(404, "board.article-not-found"),
    BOARD_THROTTLED(429, "board.throttled"),
    BOARD_REPORTED(409, "board.reported"),
    BOARD_QUESTION_CLOSED(422, "board.question-closed"),
    BOARD_NOT_AN_ANSWER(422, "board.not-an-answer"),
    BOARD_POST_STATE(409, "board.post-state"),
    BOARD_SLUG_TAKEN(409, "board.slug-taken"),
    CAMPAIGN_NOT_FOUND(404, "campaign.not-found"),
    CAMPAIGN_STATE(409, "campaign.state"),
    CAMPAIGN_NO_TEST_ADDRESS(422, "campaign.no-test-address"),

    // mailing segments (issue 12 §3)
    SEGMENT_NOT_FOUND(404, "segment.not-found"),
    HISTORY_ENTRY_NOT_FOUND(404, "history.entry-not-found"),
    SEGMENT_FIELD_FORBIDDEN(422, "segment.field-forbidden"),
    SEGMENT_IN_USE(409, "segment.in-use"),
    // bounces of mailings: the ESP webhook and the suppression list
    BOUNCE_WEBHOOK_SECRET(401, "bounce.webhook-secret"),
    SUPPRESSION_NOT_FOUND(404, "bounce.suppression-not-found"),

    // orders for partners' services (issue 14 §1)
    ORDERS_OFF(404, "order.partner-takes-no-orders"),
    ORDER_NOT_FOUND(404, "order.not-found"),
    ORDER_ITEM_INVALID(422, "order.item-invalid"),
    ORDER_CHANNEL_MISSING(422, "order.channel-missing"),
    ORDER_STATE(409, "order.state"),
    ORDER_REASON_REQUIRED(422, "order.reason-required"),
    ORDER_QUOTE_PENDING(409, "order.quote-pending"),
    ORDER_NEEDS_QUOTE(409, "order.needs-quote"),
    ORDER_NO_QUOTE(409, "order.no-quote"),
    ORDER_TOO_LATE_TO_CANCEL(409, "order.too-late-to-cancel"),

    // outgoing webhooks (issue 14 §3)
    WEBHOOK_NOT_FOUND(404, "webhook.not-found"),
    WEBHOOK_DELIVERY_NOT_FOUND(404, "webhook.delivery-not-found"),
    WEBHOOK_URL_REFUSED(422, "webhook.url-refused"),
    WEBHOOK_EVENTS_INVALID(422, "webhook.events-invalid"),
    WEBHOOK_TOO_MANY(422, "webhook.too-many"),

    // the voice menu's webhook line (issue 14 §2)
    IVR_SIGNATURE(403, "ivr.signature");

    private final int status;
    private final String code;

    ErrorCode(int status, String code) {
        this.status = status;
        this.code = code;
    }

    /** The HTTP status the refusal is answered with. */
    public int status() {
        return status;
    }

    /** The stable machine-readable code, e.g. {@code purchase.receipt-conflict}. */
    public String code() {
        return code;
    }

    @Override
    public String toString() {
        return code;
    }
}
