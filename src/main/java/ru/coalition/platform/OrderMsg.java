package ru.coalition.platform;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The texts of orders (issue 14): the member's order form and pages, the staff's board, order page and services editor,
 * and the notices. Templates say {orders:myOrders}; Java asks {@link Messages#orders}.
 */
@MessageBundle(value = "orders", locale = "ru")
public interface OrderMsg {

    @Message
    String navOrders();

    @Message
    String myOrders();

    @Message
    String orderFrom(String partner);

    @Message
    String noOrdersYet();

    @Message
    String colNumber();

    @Message
    String orderColPartner();

    @Message
    String colWhat();

    @Message
    String colState();

    @Message
    String colPrice();

    @Message
    String colDue();

    @Message
    String colMember();

    @Message
    String colUpdated();

    @Message
    String orderState(String value);

    @Message
    String quoteWaits();

    @Message
    String onQuote();

    @Message
    String itemsSummary(String first, int count);

    @Message
    String newOrderTitle(String partner);

    @Message
    String pricePerUnit(String price, String unit);

    @Message
    String onQuoteHint();

    @Message
    String leadTime(int days);

    @Message
    String quantityLabel(String unit);

    @Message
    String quantityOf(String service);

    @Message
    String quantityRange();

    @Message
    String chooseAService();

    @Message
    String orderFormField(String field);

    @Message
    String wishesLabel();

    @Message
    String wishesHint();

    @Message
    String layoutLabel();

    @Message
    String layoutHint();

    @Message
    String orderChannelLabel();

    @Message
    String channelEmail();

    @Message
    String channelSms();

    @Message
    String channelShort(String channel);

    @Message
    String placeOrder();

    @Message
    String dueOn(java.time.LocalDate due);

    @Message
    String orderMemberDone(String done, String number);

    @Message
    String quoteTitle();

    @Message
    String quoteAccept();

    @Message
    String quoteDecline();

    @Message
    String cancelOrder();

    @Message
    String cancelReasonOptional();

    @Message
    String cancelReasonRequired();

    @Message
    String orderCancelConfirm();

    @Message
    String attachLabel();

    @Message
    String attachStaffLabel();

    @Message
    String orderAttach();

    @Message
    String chooseAFile();

    @Message
    String itemsTitle();

    @Message
    String priceLine(String price);

    @Message
    String quotedLine(String quote);

    @Message
    String priceOnQuote();

    @Message
    String cancelReasonLabel();

    @Message
    String postedAs(String receipt);

    @Message
    String filesTitle();

    @Message
    String fileBy(String kind);

    @Message
    String timelineTitle();

    @Message
    String orderActor(String kind);

    @Message
    String timelineLine(String kind, String toState, String detail);

    @Message
    String ordersBoardTitle();

    @Message
    String ordersOff();

    @Message
    String columnEmpty();

    @Message
    String finishedDone();

    @Message
    String finishedCancelled();

    @Message
    String memberCard(String card);

    @Message
    String staffDone(String done, String number);

    @Message
    String quoteStateLine(String state, String quote);

    @Message
    String nextSteps();

    @Message
    String dueLabel();

    @Message
    String donePostNot();

    @Message
    String moveTo(String state);

    @Message
    String quoteFormTitle();

    @Message
    String quoteAmount();

    @Message
    String quoteNote();

    @Message
    String quoteSend();

    @Message
    String dueSave();

    @Message
    String servicesTitle();

    @Message
    String servicesSaved();

    @Message
    String enabledLabel();

    @Message
    String prefixLabel();

    @Message
    String prefixHint(String prefix);

    @Message
    String prefixRule();

    @Message
    String newService();

    @Message
    String serviceName();

    @Message
    String serviceNameEn();

    @Message
    String serviceUnit();

    @Message
    String servicePrice();

    @Message
    String servicePriceHint();

    @Message
    String serviceLead();

    @Message
    String serviceOptions();

    @Message
    String serviceOptionsHint();

    @Message
    String serviceActive();

    @Message
    String servicesSave();

    @Message
    String serviceIdRule();

    @Message
    String leadRule();

    @Message
    String optionsRule();

    @Message
    String serviceField(String field);

    @Message
    String quoteWord();

    @Message
    String noticeGreeting(Object name);

    @Message
    String noticeLink(Object number);

    @Message
    String noticeSubject(String number, String what);

    @Message
    String noticeCreated(String number, String partner);

    @Message
    String noticeQuote(String number, String partner, String amount);

    @Message
    String noticeDue(String number, String partner, Object due);

    @Message
    String noticeState(String number, String partner, String state, String dueLine);

    @Message
    String noticeDueLine(Object due);

    @Message
    String noticeCancelled(String number, String partner, String reason);
}
