package ru.coalition.orders;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import ru.coalition.members.Member;
import ru.coalition.messaging.Outbox;
import ru.coalition.partners.Partner;
import ru.coalition.platform.CoalitionConfig;
import ru.coalition.platform.Messages;
import ru.coalition.platform.OrderMsg;

import java.util.Locale;

/**
 * Tells the member about their order by the channel they chose for it: placed, every change of state, a quote, a new
 * due date. These are essential messages (the member asked for the order), so they go without a service consent, as a
 * voucher the member bought does (docs/mailings.md "Consents").
 */
@ApplicationScoped
public class OrderNotices {

    @Inject
    Outbox outbox;

    @Inject
    CoalitionConfig config;

    @Location("orders/notice-email.html")
    Template email;

    /** what: created, state, quote or due; detail: the cancel reason or the quoted amount. */
    @Transactional(Transactional.TxType.MANDATORY)
    void tell(Member m, Partner partner, Orders.Row order, String what, String detail) {
        Locale locale = Locale.of(m.language == null ? "ru" : m.language);
        OrderMsg msg = Messages.orders(locale);
        String state = msg.orderState(order.state().name());
        String url = config.publicUrl() + "/cabinet/orders/" + order.publicId();
        String line = switch (what) {
            case "created" -> msg.noticeCreated(order.number(), partner.name);
            case "quote" -> msg.noticeQuote(order.number(), partner.name, detail);
            case "due" -> msg.noticeDue(order.number(), partner.name, order.dueDate());
            default -> order.state() == OrderState.CANCELLED
                    ? msg.noticeCancelled(order.number(), partner.name, detail == null ? "" : detail)
                    : msg.noticeState(order.number(), partner.name, state, order.dueDate() == null ? "" : msg.noticeDueLine(order.dueDate()));
        };
        String kind = "order." + what;
        String subject = msg.noticeSubject(order.number(), "created".equals(what) ? msg.orderState("NEW") : "quote".equals(what)
                ? msg.quoteWord() : state);
        if ("sms".equals(order.channel()) && m.phone != null || m.email == null) {
            if (m.phone != null) {
                outbox.sms(kind, m.phone, line, m.id, false);
            }
            return;
        }
        outbox.email(kind, m.email, subject, email.instance().setLocale(locale).data("language", locale.getLanguage())
                .data("name", m.firstName).data("line", line).data("url", url).data("number", order.number()).render(), m.id, false);
    }
}
