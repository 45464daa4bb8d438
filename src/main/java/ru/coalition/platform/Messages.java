package ru.coalition.platform;

import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;

import java.util.Locale;

/** The texts of one language for Java callers (e-mails, SMS, page outcomes): Messages.of(locale).tillRedeemDone(…); one per bundle. */
public final class Messages {

    private Messages() {
    }

    public static Msg of(Locale locale) {
        return MessageBundles.get(Msg.class, Localized.Literal.of(tag(locale)));
    }

    public static PortalMsg portal(Locale locale) {
        return MessageBundles.get(PortalMsg.class, Localized.Literal.of(tag(locale)));
    }

    public static ConsoleMsg console(Locale locale) {
        return MessageBundles.get(ConsoleMsg.class, Localized.Literal.of(tag(locale)));
    }

    public static CabinetMsg cabinet(Locale locale) {
        return MessageBundles.get(CabinetMsg.class, Localized.Literal.of(tag(locale)));
    }

    public static ScratchMsg scratch(Locale locale) {
        return MessageBundles.get(ScratchMsg.class, Localized.Literal.of(tag(locale)));
    }

    public static CatalogMsg catalog(Locale locale) {
        return MessageBundles.get(CatalogMsg.class, Localized.Literal.of(tag(locale)));
    }

    public static ClearingMsg clearing(Locale locale) {
        return MessageBundles.get(ClearingMsg.class, Localized.Literal.of(tag(locale)));
    }

    public static ConsentMsg consent(Locale locale) {
        return MessageBundles.get(ConsentMsg.class, Localized.Literal.of(tag(locale)));
    }

    public static SegmentMsg segment(Locale locale) {
        return MessageBundles.get(SegmentMsg.class, Localized.Literal.of(tag(locale)));
    }

    public static SendingMsg sending(Locale locale) {
        return MessageBundles.get(SendingMsg.class, Localized.Literal.of(tag(locale)));
    }

    public static BounceMsg bounce(Locale locale) {
        return MessageBundles.get(BounceMsg.class, Localized.Literal.of(tag(locale)));
    }

    public static CampaignMsg campaign(Locale locale) {
        return MessageBundles.get(CampaignMsg.class, Localized.Literal.of(tag(locale)));
    }

    public static WebhookMsg webhooks(Locale locale) {
        return MessageBundles.get(WebhookMsg.class, Localized.Literal.of(tag(locale)));
    }

    public static IvrMsg ivr(Locale locale) {
        return MessageBundles.get(IvrMsg.class, Localized.Literal.of(tag(locale)));
    }

    public static OrderMsg orders(Locale locale) {
        return MessageBundles.get(OrderMsg.class, Localized.Literal.of(tag(locale)));
    }

    public static SupportMsg support(Locale locale) {
        return MessageBundles.get(SupportMsg.class, Localized.Literal.of(tag(locale)));
    }

    public static BoardMsg board(Locale locale) {
        return MessageBundles.get(BoardMsg.class, Localized.Literal.of(tag(locale)));
    }

    public static SlaMsg sla(Locale locale) {
        return MessageBundles.get(SlaMsg.class, Localized.Literal.of(tag(locale)));
    }

    public static KpiMsg kpi(Locale locale) {
        return MessageBundles.get(KpiMsg.class, Localized.Literal.of(tag(locale)));
    }

    public static BacktestMsg backtest(Locale locale) {
        return MessageBundles.get(BacktestMsg.class, Localized.Literal.of(tag(locale)));
    }

    private static String tag(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage()) ? "en" : "ru";
    }
}
