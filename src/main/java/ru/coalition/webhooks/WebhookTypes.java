package ru.coalition.webhooks;

import java.util.List;

/** The event types a partner may subscribe to (docs/webhooks.md lists each one's data). */
public final class WebhookTypes {

    public static final String PURCHASE_ACCRUED = "purchase.accrued";
    public static final String POINTS_ACTIVATED = "points.activated";
    public static final String PURCHASE_REFUNDED = "purchase.refunded";
    public static final String OFFER_MADE = "offer.made";
    public static final String GIFT_CARD_COLLECTED = "gift-card.collected";
    public static final String VOUCHER_REDEEMED = "voucher.redeemed";
    public static final String ORDER_STATE_CHANGED = "order.state-changed";
    public static final String CONSENT_WITHDRAWN = "member.consent-withdrawn";
    /** Sent by the portal's "send a test event" button; no one subscribes to it. */
    public static final String PING = "webhook.ping";

    public static final List<String> ALL = List.of(PURCHASE_ACCRUED, POINTS_ACTIVATED, PURCHASE_REFUNDED, OFFER_MADE,
            GIFT_CARD_COLLECTED, VOUCHER_REDEEMED, ORDER_STATE_CHANGED, CONSENT_WITHDRAWN);

    private WebhookTypes() {
    }
}
