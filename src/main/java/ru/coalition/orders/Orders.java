package ru.coalition.orders;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.jboss.logging.Logger;
import ru.coalition.members.Member;
import ru.coalition.members.MemberService;
import ru.coalition.partners.Partner;
import ru.coalition.partners.PartnerScope;
import ru.coalition.partners.PartnerService;
import ru.coalition.platform.ContentTypes;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.Hashes;
import ru.coalition.platform.Idempotency;
import ru.coalition.platform.Problem;
import ru.coalition.platform.ProblemException;
import ru.coalition.platform.SqlValues;
import ru.coalition.programs.Money;
import ru.coalition.purchases.PurchaseRequest;
import ru.coalition.purchases.PurchaseService;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Orders for a partner's services (issue 14 §1, docs/orders.md). A member orders; staff accept, quote, start, finish or
 * cancel; the member may answer a quote and cancel before the work starts. Every change is a row of the order's
 * timeline (order_event, never changed) and a notice to the member by the channel they chose for the order. An order
 * done posts its price to the ledger as a purchase whose receipt id is the order's number, in the same transaction,
 * so it earns points by the program once.
 */
@ApplicationScoped
@Transactional
public class Orders {

    private static final Logger LOG = Logger.getLogger(Orders.class);

    /** Who changed an order: the member, partner staff, the voice menu on the member's behalf, or the system. */
    public enum Actor { MEMBER, STAFF, VOICE, SYSTEM }

    @Schema(name = "OrderItemRequest")
    public record ItemRequest(
            @Schema(description = "The service's id from GET /api/v1/partners/{slug}/services", examples = "business-cards")
            @NotBlank(message = "{coalition.field.required}") @Size(max = 40, message = "{coalition.field.too-long}") String serviceId,
            @Schema(description = "How many units (the service's unit, e.g. 100 cards)", examples = "2")
            @NotNull(message = "{coalition.field.required}") @Min(value = 1, message = "{coalition.field.min}")
            @Max(value = 100_000, message = "{coalition.field.max}") Integer quantity,
            @Schema(description = "The choice for each of the service's options, by option id; an option left out takes its first choice")
            @Size(max = 10, message = "{coalition.field.too-many}") Map<String, String> options) {
    }

    @Schema(name = "OrderRequest")
    public record PlaceRequest(
            @Schema(description = "The partner's slug", examples = "kit-media")
            @NotBlank(message = "{coalition.field.required}") @Size(max = 64, message = "{coalition.field.too-long}") String partner,
            @NotEmpty(message = "{coalition.field.required}") @Size(max = 20, message = "{coalition.field.too-many}")
            List<@NotNull(message = "{coalition.field.required}") @Valid ItemRequest> items,
            @Schema(description = "What the member wants, in their words") @Size(max = 2000, message = "{coalition.field.too-long}") String wishes,
            @Schema(description = "How the member hears about the order: email or sms (their usual channel when left out)")
            @Pattern(regexp = "email|sms", message = "{coalition.field.choice}") String channel) {
    }

    @Schema(name = "OrderPlaced")
    public record Placed(UUID orderId, String number, String state) {
    }

    @io.quarkus.qute.TemplateData
    @Schema(name = "OrderItem")
    public record Item(int lineNo, String serviceId, String name, int quantity, Map<String, String> options,
                       @Schema(description = "RUB per unit; null when quoted") String unitPrice,
                       @Schema(description = "RUB for the line; null when quoted") String amount) {
    }

    @io.quarkus.qute.TemplateData
    @Schema(name = "OrderTimelineEntry")
    public record TimelineEntry(Instant at, @Schema(description = "MEMBER, STAFF, VOICE or SYSTEM") String actorKind,
                                @Schema(description = "Staff's name; null for the member") String actor,
                                @Schema(description = "created, state, quote, quote-accepted, quote-declined, due, file, posted") String kind,
                                String fromState, String toState, String detail) {
    }

    @io.quarkus.qute.TemplateData
    @Schema(name = "OrderFile")
    public record FileInfo(long fileId, String fileName, String contentType, int sizeBytes, String authorKind, Instant at) {
    }

    @io.quarkus.qute.TemplateData
    @Schema(name = "Order")
    public record Order(UUID orderId, String number, String partner, String partnerName, String state, String channel,
                        String wishes, List<Item> items,
                        @Schema(description = "The sum of the priced items; null while an item waits for a quote") String itemsTotal,
                        @Schema(description = "The price staff quoted, RUB") String quote, String quoteNote,
                        @Schema(description = "PROPOSED, ACCEPTED or DECLINED; null without a quote") String quoteState,
                        @Schema(description = "What the member pays: the accepted quote, else the items' sum; null while unknown") String price,
                        LocalDate dueDate, String cancelReason,
                        @Schema(description = "The receipt the order posted to the ledger when done (its number)") String receiptId,
                        @Schema(description = "The member's name and card, for staff only") String memberName, String memberCard,
                        Instant createdAt, Instant updatedAt, List<TimelineEntry> timeline, List<FileInfo> files) {

        public boolean quoteAwaitsMember() {
            return "PROPOSED".equals(quoteState);
        }

        public boolean cancellableByMember() {
            return OrderState.valueOf(state).cancellableByMember();
        }

        public List<String> nextStates() {
            return OrderState.valueOf(state).next().stream().map(Enum::name).toList();
        }
    }

    @Schema(name = "OrderSummary")
    public record Summary(UUID orderId, String number, String partner, String partnerName, String state, String price,
                          String quoteState, LocalDate dueDate, Instant createdAt, Instant updatedAt, int items, String firstItem,
                          @Schema(description = "For staff: the member's name") String memberName) {
    }

    @Schema(name = "OrderStateChange")
    public record StateChange(
            @Schema(description = "ACCEPTED, IN_WORK, READY, DONE or CANCELLED") @NotBlank(message = "{coalition.field.required}")
            @Pattern(regexp = "(?i)NEW|ACCEPTED|IN_WORK|READY|DONE|CANCELLED", message = "{coalition.field.choice}") String state,
            @Schema(description = "Why; required to cancel") @Size(max = 1000, message = "{coalition.field.too-long}") String reason,
            @Schema(description = "The due date to set with the change (on ACCEPTED it defaults to today plus the longest lead time)")
            LocalDate dueDate,
            @Schema(description = "On DONE: post the order's price to the ledger as a purchase (default true)") Boolean post) {
    }

    @Schema(name = "OrderQuote")
    public record Quote(
            @Schema(description = "The price for the whole order, RUB", examples = "4500.00") @NotNull(message = "{coalition.field.required}")
            @Pattern(regexp = Money.PATTERN, message = "{coalition.field.money}") String amount,
            @Schema(description = "When it will be ready if the member accepts") LocalDate dueDate,
            @Size(max = 1000, message = "{coalition.field.too-long}") String note) {
    }

    public record Content(String fileName, String contentType, byte[] bytes) {
    }

    /** An order's row as the service works with it. */
    record Row(long id, UUID publicId, long partnerId, long memberId, String number, OrderState state, String channel,
               Long itemsTotal, Long quote, String quoteState, LocalDate dueDate, String postedReceipt) {
        Long price() {
            return "ACCEPTED".equals(quoteState) ? quote : itemsTotal;
        }
    }

    @Inject
    ru.coalition.webhooks.WebhookEvents webhooks;

    /** An order id as a path names it; anything else is an order that is not there. */
    public static UUID idOf(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ProblemException(ErrorCode.ORDER_NOT_FOUND);
        }
    }

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    ObjectMapper json;

    @Inject
    OrderCatalog catalog;

    @Inject
    OrderNotices notices;

    @Inject
    OrdersConfig config;

    @Inject
    PartnerService partners;

    @Inject
    PartnerScope scope;

    @Inject
    MemberService members;

    @Inject
    PurchaseService purchases;

    // ---- the member ----

    public Placed place(Member member, PlaceRequest r) {
        Partner partner = partners.cachedBySlug(r.partner()).filter(p -> catalog.takesOrders(p.id))
                .orElseThrow(() -> new ProblemException(ErrorCode.ORDERS_OFF, r.partner()));
        List<Item> items = new ArrayList<>();
        int lineNo = 0;
        Long total = 0L;
        int leadDays = 0;
        List<Problem.FieldError> errors = new ArrayList<>();
        for (ItemRequest ir : r.items()) {
            String field = "items[" + lineNo + "]";
            lineNo++;
            OrderCatalog.Service s = catalog.service(partner.id, ir.serviceId()).filter(OrderCatalog.Service::active).orElse(null);
            if (s == null) {
                errors.add(new Problem.FieldError(field + ".serviceId", null));
                continue;
            }
            Map<String, String> chosen = new LinkedHashMap<>();
            Map<String, String> asked = ir.options() == null ? Map.of() : ir.options();
            for (String key : asked.keySet()) {
                if (s.option(key).isEmpty()) {
                    errors.add(new Problem.FieldError(field + ".options." + key, null));
                }
            }
            for (OrderCatalog.Option o : s.options()) {
                String v = asked.get(o.id());
                if (v == null || v.isBlank()) {
                    chosen.put(o.id(), o.choices().get(0));
                } else if (o.choices().contains(v.trim())) {
                    chosen.put(o.id(), v.trim());
                } else {
                    errors.add(new Problem.FieldError(field + ".options." + o.id(), null));
                }
            }
            Long amount = s.price() == null ? null : Math.multiplyExact(s.price(), (long) ir.quantity());
            total = amount == null || total == null ? null : total + amount;
            leadDays = Math.max(leadDays, s.leadDays());
            items.add(new Item(lineNo, s.serviceId(), s.name(), ir.quantity(), chosen, s.priceText(), amount == null ? null : Money.format(amount)));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ErrorCode.ORDER_ITEM_INVALID, errors);
        }
        String channel = r.channel() != null ? r.channel()
                : "sms".equals(member.preferredChannel) || member.email == null ? "sms" : "email";
        if ("email".equals(channel) && member.email == null || "sms".equals(channel) && member.phone == null) {
            throw new ProblemException(ErrorCode.ORDER_CHANNEL_MISSING, List.of(new Problem.FieldError("channel", null)));
        }
        String number = nextNumber(partner.id);
        Instant now = clock.instant();
        UUID publicId = UUID.randomUUID();
        long orderRow = ((Number) em.createNativeQuery("insert into member_order (public_id, partner_id, member_id, number, state, wishes,"
                        + " channel, items_total, created_at, updated_at) values (:pub, :p, :m, :n, 'NEW', :w, :c, :t, :now, :now) returning id")
                .setParameter("pub", publicId).setParameter("p", partner.id).setParameter("m", member.id).setParameter("n", number)
                .setParameter("w", r.wishes() == null || r.wishes().isBlank() ? null : r.wishes().trim()).setParameter("c", channel)
                .setParameter("t", total).setParameter("now", now).getSingleResult()).longValue();
        for (Item it : items) {
            em.createNativeQuery("insert into order_item (order_id, line_no, partner_id, service_key, name, quantity, options, unit_price, amount)"
                            + " values (:o, :l, :p, :k, :n, :q, cast(:opt as jsonb), :up, :a)")
                    .setParameter("o", orderRow).setParameter("l", it.lineNo()).setParameter("p", partner.id).setParameter("k", it.serviceId())
                    .setParameter("n", it.name()).setParameter("q", it.quantity()).setParameter("opt", write(it.options()))
                    .setParameter("up", it.unitPrice() == null ? null : Money.parse(it.unitPrice()))
                    .setParameter("a", it.amount() == null ? null : Money.parse(it.amount())).executeUpdate();
        }
        event(orderRow, partner.id, now, Actor.MEMBER, null, "created", null, OrderState.NEW, null);
        Row row = row(orderRow, false);
        notices.tell(member, partner, row, "created", null);
        LOG.infof("order %s placed with %s by member %d (%d items, lead %d days)", number, partner.slug, member.id, items.size(), leadDays);
        return new Placed(publicId, number, OrderState.NEW.name());
    }

    public List<Summary> ofMember(Member member) {
        return summaries("o.member_id = :m", Map.of("m", member.id), 200, false);
    }

    public Order ofMember(Member member, UUID orderId) {
        Row row = rowOfMember(member, orderId, false);
        return view(row, false);
    }

    /** The member accepts or declines the quote staff proposed. */
    public Order answerQuote(Member member, UUID orderId, boolean accept) {
        Row row = rowOfMember(member, orderId, true);
        if (!"PROPOSED".equals(row.quoteState()) || !row.state().quotable()) {
            throw new ProblemException(ErrorCode.ORDER_NO_QUOTE);
        }
        String answer = accept ? "ACCEPTED" : "DECLINED";
        Instant now = clock.instant();
        em.createNativeQuery("update member_order set quote_state = :q, updated_at = :t where id = :id")
                .setParameter("q", answer).setParameter("t", now).setParameter("id", row.id()).executeUpdate();
        event(row.id(), row.partnerId(), now, Actor.MEMBER, null, accept ? "quote-accepted" : "quote-declined", null, null,
                Money.format(row.quote()));
        return view(row(row.id(), false), false);
    }

    /** The member (in the cabinet or on the phone) cancels an order whose work has not started. */
    public Order cancelByMember(Member member, UUID orderId, String reason, Actor actor) {
        Row row = rowOfMember(member, orderId, true);
        if (!row.state().cancellableByMember()) {
            throw new ProblemException(ErrorCode.ORDER_TOO_LATE_TO_CANCEL);
        }
        changeState(row, OrderState.CANCELLED, reason == null || reason.isBlank() ? null : reason.trim(), null, actor, null);
        return view(row(row.id(), false), false);
    }

    /** The member says they will come for a ready order (the voice menu's key 1): a line of the timeline staff read. */
    public Order confirmPickup(Member member, UUID orderId, Actor actor) {
        Row row = rowOfMember(member, orderId, true);
        if (row.state() != OrderState.READY) {
            throw new ProblemException(ErrorCode.ORDER_STATE, row.state().name(), "pickup");
        }
        event(row.id(), row.partnerId(), clock.instant(), actor, null, "pickup", null, null, null);
        return view(row(row.id(), false), false);
    }

    public FileInfo attachByMember(Member member, UUID orderId, String fileName, byte[] bytes) {
        Row row = rowOfMember(member, orderId, true);
        return attach(row, Actor.MEMBER, null, fileName, bytes);
    }

    public Content fileOfMember(Member member, UUID orderId, long fileId) {
        return content(rowOfMember(member, orderId, false), fileId);
    }

    // ---- partner staff ----

    public List<Summary> ofPartner(Partner partner, OrderState state, int limit) {
        scope.enter(partner);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("p", partner.id);
        String where = "o.partner_id = :p";
        if (state != null) {
            where += " and o.state = :s";
            params.put("s", state.name());
        }
        return summaries(where, params, limit, true);
    }

    public Order ofPartner(Partner partner, UUID orderId) {
        return view(rowOfPartner(partner, orderId, false), true);
    }

    /** Staff move an order one step on, or cancel it with a reason. */
    public Order move(Partner partner, UUID orderId, StateChange change, String staff) {
        Row row = rowOfPartner(partner, orderId, true);
        OrderState to = OrderState.parse(change.state());
        if (to == null || !row.state().next().contains(to)) {
            throw new ProblemException(ErrorCode.ORDER_STATE, row.state().name(), change.state());
        }
        String reason = change.reason() == null || change.reason().isBlank() ? null : change.reason().trim();
        if (to == OrderState.CANCELLED && reason == null) {
            throw new ProblemException(ErrorCode.ORDER_REASON_REQUIRED, List.of(new Problem.FieldError("reason", null)));
        }
        if (to == OrderState.IN_WORK) {
            if ("PROPOSED".equals(row.quoteState())) {
                throw new ProblemException(ErrorCode.ORDER_QUOTE_PENDING);
            }
            if (row.price() == null) {
                throw new ProblemException(ErrorCode.ORDER_NEEDS_QUOTE);
            }
        }
        LocalDate due = change.dueDate();
        if (due == null && to == OrderState.ACCEPTED && row.dueDate() == null) {
            due = partners.today(partner).plusDays(leadDays(row.id()));
        }
        changeState(row, to, reason, due, Actor.STAFF, staff);
        if (to == OrderState.DONE && !Boolean.FALSE.equals(change.post())) {
            post(partner, row(row.id(), false), staff);
        }
        return view(row(row.id(), false), true);
    }

    /** Staff quote a price for the whole order; the member accepts or declines it. A new quote replaces the last one. */
    public Order quote(Partner partner, UUID orderId, Quote quote, String staff) {
        Row row = rowOfPartner(partner, orderId, true);
        if (!row.state().quotable()) {
            throw new ProblemException(ErrorCode.ORDER_STATE, row.state().name(), "quote");
        }
        long amount = Money.parse(quote.amount());
        Instant now = clock.instant();
        em.createNativeQuery("update member_order set quote = :q, quote_note = :n, quote_state = 'PROPOSED',"
                        + " due_date = coalesce(:d, due_date), updated_at = :t where id = :id")
                .setParameter("q", amount).setParameter("n", quote.note() == null || quote.note().isBlank() ? null : quote.note().trim())
                .setParameter("d", quote.dueDate()).setParameter("t", now).setParameter("id", row.id()).executeUpdate();
        event(row.id(), row.partnerId(), now, Actor.STAFF, staff, "quote", null, null, Money.format(amount));
        Row after = row(row.id(), false);
        notices.tell(member(after), partner, after, "quote", Money.format(amount));
        return view(after, true);
    }

    /** Staff set or move the due date; the member is told. */
    public Order due(Partner partner, UUID orderId, LocalDate dueDate, String staff) {
        Row row = rowOfPartner(partner, orderId, true);
        if (row.state().finished()) {
            throw new ProblemException(ErrorCode.ORDER_STATE, row.state().name(), "due");
        }
        Instant now = clock.instant();
        em.createNativeQuery("update member_order set due_date = :d, updated_at = :t where id = :id")
                .setParameter("d", dueDate).setParameter("t", now).setParameter("id", row.id()).executeUpdate();
        event(row.id(), row.partnerId(), now, Actor.STAFF, staff, "due", null, null, dueDate.toString());
        Row after = row(row.id(), false);
        notices.tell(member(after), partner, after, "due", null);
        return view(after, true);
    }

    public FileInfo attachByStaff(Partner partner, UUID orderId, String staff, String fileName, byte[] bytes) {
        return attach(rowOfPartner(partner, orderId, true), Actor.STAFF, staff, fileName, bytes);
    }

    public Content fileOfPartner(Partner partner, UUID orderId, long fileId) {
        return content(rowOfPartner(partner, orderId, false), fileId);
    }

    /** Orders per state, for the board's tabs and the voice menu's figures. */
    public Map<OrderState, Long> counts(Partner partner) {
        scope.enter(partner);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select state, count(*) from member_order where partner_id = :p group by state")
                .setParameter("p", partner.id).getResultList();
        Map<OrderState, Long> counts = new java.util.EnumMap<>(OrderState.class);
        for (OrderState s : OrderState.values()) {
            counts.put(s, 0L);
        }
        rows.forEach(r -> counts.put(OrderState.valueOf((String) r[0]), ((Number) r[1]).longValue()));
        return counts;
    }

    // ---- the voice menu (issue 14 §2) asks by number and by caller ----

    /** An order of the partner by its number as the caller keyed it: "123" finds KM-000123. */
    public Optional<Order> byNumber(Partner partner, String digits) {
        if (digits == null || !digits.matches("\\d{1,9}")) {
            return Optional.empty();
        }
        Optional<String> prefix = catalog.settings(partner.id).map(OrderCatalog.Settings::numberPrefix);
        if (prefix.isEmpty()) {
            return Optional.empty();
        }
        String number = format(prefix.get(), Long.parseLong(digits));
        @SuppressWarnings("unchecked")
        List<Object> ids = em.createNativeQuery("select id from member_order where partner_id = :p and number = :n")
                .setParameter("p", partner.id).setParameter("n", number).getResultList();
        return ids.stream().findFirst().map(id -> view(row(((Number) id).longValue(), false), false));
    }

    /** The member's open orders with the partner, newest first. */
    public List<Summary> openOf(Partner partner, Member member) {
        return summaries("o.partner_id = :p and o.member_id = :m and o.state not in ('DONE', 'CANCELLED')",
                Map.of("p", partner.id, "m", member.id), 10, false);
    }

    /** The member id an order belongs to, for the voice menu acting on the caller's behalf. */
    public long memberOf(Partner partner, UUID orderId) {
        return rowOfPartner(partner, orderId, false).memberId();
    }

    /**
     * A deleted member's orders keep what the partner needs (items, prices, states, the timeline) but not what the
     * member wrote or sent: their wishes and files (a business card's layout carries a name and a phone).
     */
    void forget(@jakarta.enterprise.event.Observes ru.coalition.members.MemberErased erased) {
        em.createNativeQuery("delete from order_file where order_id in (select id from member_order where member_id = :m)")
                .setParameter("m", erased.memberId()).executeUpdate();
        em.createNativeQuery("update member_order set wishes = null where member_id = :m").setParameter("m", erased.memberId())
                .executeUpdate();
    }

    // ---- inside ----

    private void changeState(Row row, OrderState to, String reason, LocalDate due, Actor actor, String who) {
        Instant now = clock.instant();
        em.createNativeQuery("update member_order set state = :s, updated_at = :t, due_date = coalesce(:d, due_date),"
                        + " cancel_reason = case when :s = 'CANCELLED' then :r else cancel_reason end where id = :id")
                .setParameter("s", to.name()).setParameter("t", now).setParameter("d", due).setParameter("r", reason)
                .setParameter("id", row.id()).executeUpdate();
        event(row.id(), row.partnerId(), now, actor, who, "state", row.state(), to, reason);
        Map<String, Object> told = new LinkedHashMap<>();
        told.put("orderId", row.publicId().toString());
        told.put("number", row.number());
        told.put("from", row.state().name());
        told.put("to", to.name());
        told.put("by", actor.name());
        if (reason != null) {
            told.put("reason", reason);
        }
        webhooks.emit(row.partnerId(), ru.coalition.webhooks.WebhookTypes.ORDER_STATE_CHANGED, row.memberId(), told);
        Row after = row(row.id(), false);
        Partner partner = partners.findById(row.partnerId()).orElseThrow();
        notices.tell(member(after), partner, after, "state", reason);
    }

    private void post(Partner partner, Row row, String staff) {
        Long price = row.price();
        if (price == null || price == 0) {
            return;
        }
        Member m = member(row);
        List<PurchaseRequest.Line> lines = new ArrayList<>();
        if ("ACCEPTED".equals(row.quoteState())) {
            lines.add(new PurchaseRequest.Line("order", row.number(), Money.format(price), "order", false));
        } else {
            for (Item it : items(row.id())) {
                if (it.amount() != null) {
                    lines.add(new PurchaseRequest.Line(it.serviceId(), it.name(), it.amount(), "order", false));
                }
            }
        }
        Idempotency.Answer answer = purchases.post(partner, new PurchaseRequest(row.number(), clock.instant().atOffset(ZoneOffset.UTC),
                new MemberService.MemberRef(null, null, m.publicId), lines, null));
        long points = 0;
        try {
            points = json.readTree(answer.json()).path("points").asLong();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        Instant now = clock.instant();
        em.createNativeQuery("update member_order set posted_receipt = :r where id = :id").setParameter("r", row.number())
                .setParameter("id", row.id()).executeUpdate();
        event(row.id(), row.partnerId(), now, Actor.STAFF, staff, "posted", null, null, Long.toString(points));
    }

    private FileInfo attach(Row row, Actor actor, String who, String fileName, byte[] bytes) {
        if (row.state().finished()) {
            throw new ProblemException(ErrorCode.ORDER_STATE, row.state().name(), "file");
        }
        if (bytes == null || bytes.length == 0 || bytes.length > config.maxFileBytes()) {
            throw new ProblemException(ErrorCode.ATTACHMENT_TOO_LARGE, config.maxFileBytes() / (1024 * 1024));
        }
        String type = ContentTypes.sniff(bytes).orElseThrow(() -> new ProblemException(ErrorCode.ATTACHMENT_TYPE));
        long count = ((Number) em.createNativeQuery("select count(*) from order_file where order_id = :o")
                .setParameter("o", row.id()).getSingleResult()).longValue();
        if (count >= config.filesPerOrder()) {
            throw new ProblemException(ErrorCode.ATTACHMENT_TOO_MANY, config.filesPerOrder());
        }
        String name = ContentTypes.fileName(fileName, type);
        Instant now = clock.instant();
        long id = ((Number) em.createNativeQuery("insert into order_file (order_id, partner_id, file_name, content_type, size_bytes,"
                        + " bytes, sha256, author_kind, created_at) values (:o, :p, :n, :c, :s, :b, :h, :k, :t) returning id")
                .setParameter("o", row.id()).setParameter("p", row.partnerId()).setParameter("n", name).setParameter("c", type)
                .setParameter("s", bytes.length).setParameter("b", bytes).setParameter("h", Hashes.sha256Hex(bytes))
                .setParameter("k", actor.name()).setParameter("t", now).getSingleResult()).longValue();
        em.createNativeQuery("update member_order set updated_at = :t where id = :id").setParameter("t", now).setParameter("id", row.id())
                .executeUpdate();
        event(row.id(), row.partnerId(), now, actor, who, "file", null, null, name);
        return new FileInfo(id, name, type, bytes.length, actor.name(), now);
    }

    private Content content(Row row, long fileId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select file_name, content_type, bytes from order_file where id = :f and order_id = :o")
                .setParameter("f", fileId).setParameter("o", row.id()).getResultList();
        Object[] r = rows.stream().findFirst().orElseThrow(() -> new ProblemException(ErrorCode.ATTACHMENT_NOT_FOUND));
        return new Content((String) r[0], (String) r[1], (byte[]) r[2]);
    }

    private String nextNumber(long partnerId) {
        Object[] r = (Object[]) em.createNativeQuery("update order_settings set last_number = last_number + 1 where partner_id = :p"
                + " returning number_prefix, last_number").setParameter("p", partnerId).getSingleResult();
        return format((String) r[0], ((Number) r[1]).longValue());
    }

    static String format(String prefix, long n) {
        return prefix + "-" + String.format("%06d", n);
    }

    private int leadDays(long orderRow) {
        Object max = em.createNativeQuery("select coalesce(max(s.lead_days), 0) from order_item i join member_order o on o.id = i.order_id"
                + " left join order_service s on s.partner_id = o.partner_id and s.service_key = i.service_key where i.order_id = :o")
                .setParameter("o", orderRow).getSingleResult();
        return ((Number) max).intValue();
    }

    private void event(long orderRow, long partnerId, Instant at, Actor actor, String who, String kind, OrderState from, OrderState to,
                       String detail) {
        em.createNativeQuery("insert into order_event (order_id, partner_id, at, actor_kind, actor, kind, from_state, to_state, detail)"
                        + " values (:o, :p, :at, :ak, :a, :k, :f, :t, :d)")
                .setParameter("o", orderRow).setParameter("p", partnerId).setParameter("at", at).setParameter("ak", actor.name())
                .setParameter("a", who).setParameter("k", kind).setParameter("f", from == null ? null : from.name())
                .setParameter("t", to == null ? null : to.name())
                .setParameter("d", detail == null ? null : detail.length() > 1000 ? detail.substring(0, 1000) : detail).executeUpdate();
    }

    private Row rowOfMember(Member member, UUID orderId, boolean lock) {
        Row row = find(orderId, lock);
        if (row == null || row.memberId() != member.id) {
            throw new ProblemException(ErrorCode.ORDER_NOT_FOUND);
        }
        return row;
    }

    private Row rowOfPartner(Partner partner, UUID orderId, boolean lock) {
        scope.enter(partner);
        Row row = find(orderId, lock);
        if (row == null || row.partnerId() != partner.id) {
            throw new ProblemException(ErrorCode.ORDER_NOT_FOUND);
        }
        return row;
    }

    private Row find(UUID orderId, boolean lock) {
        if (orderId == null) {
            return null;
        }
        @SuppressWarnings("unchecked")
        List<Object> ids = em.createNativeQuery("select id from member_order where public_id = :id").setParameter("id", orderId)
                .getResultList();
        return ids.isEmpty() ? null : row(((Number) ids.get(0)).longValue(), lock);
    }

    private Row row(long id, boolean lock) {
        Object[] r = (Object[]) em.createNativeQuery("select id, public_id, partner_id, member_id, number, state, channel, items_total,"
                + " quote, quote_state, due_date, posted_receipt from member_order where id = :id" + (lock ? " for update" : ""))
                .setParameter("id", id).getSingleResult();
        return new Row(((Number) r[0]).longValue(), (UUID) r[1], ((Number) r[2]).longValue(), ((Number) r[3]).longValue(), (String) r[4],
                OrderState.valueOf((String) r[5]), (String) r[6], longOrNull(r[7]), longOrNull(r[8]), (String) r[9],
                dateOrNull(r[10]), (String) r[11]);
    }

    private Member member(Row row) {
        return members.byId(row.memberId()).orElseThrow();
    }

    private Order view(Row row, boolean forStaff) {
        Object[] r = (Object[]) em.createNativeQuery("select wishes, quote_note, cancel_reason, created_at, updated_at from member_order"
                + " where id = :id").setParameter("id", row.id()).getSingleResult();
        Partner partner = partners.findById(row.partnerId()).orElseThrow();
        Member m = forStaff ? member(row) : null;
        @SuppressWarnings("unchecked")
        List<Object[]> events = em.createNativeQuery("select at, actor_kind, actor, kind, from_state, to_state, detail from order_event"
                + " where order_id = :o order by id").setParameter("o", row.id()).getResultList();
        List<TimelineEntry> timeline = events.stream().map(e -> new TimelineEntry(SqlValues.toInstant(e[0]), (String) e[1],
                forStaff || !"STAFF".equals(e[1]) ? (String) e[2] : null, (String) e[3], (String) e[4], (String) e[5], (String) e[6])).toList();
        @SuppressWarnings("unchecked")
        List<Object[]> files = em.createNativeQuery("select id, file_name, content_type, size_bytes, author_kind, created_at from order_file"
                + " where order_id = :o order by id").setParameter("o", row.id()).getResultList();
        List<FileInfo> fileInfos = files.stream().map(f -> new FileInfo(((Number) f[0]).longValue(), (String) f[1], (String) f[2],
                ((Number) f[3]).intValue(), (String) f[4], SqlValues.toInstant(f[5]))).toList();
        return new Order(row.publicId(), row.number(), partner.slug, partner.name, row.state().name(), row.channel(), (String) r[0],
                items(row.id()), money(row.itemsTotal()), money(row.quote()), (String) r[1], row.quoteState(), money(row.price()),
                row.dueDate(), (String) r[2], row.postedReceipt(), m == null ? null : nameOf(m),
                m == null ? null : m.cardNumber, SqlValues.toInstant(r[3]), SqlValues.toInstant(r[4]), timeline, fileInfos);
    }

    private List<Item> items(long orderRow) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select line_no, service_key, name, quantity, options::text, unit_price, amount"
                + " from order_item where order_id = :o order by line_no").setParameter("o", orderRow).getResultList();
        return rows.stream().map(r -> new Item(((Number) r[0]).intValue(), (String) r[1], (String) r[2], ((Number) r[3]).intValue(),
                read((String) r[4]), money(longOrNull(r[5])), money(longOrNull(r[6])))).toList();
    }

    private List<Summary> summaries(String where, Map<String, Object> params, int limit, boolean forStaff) {
        var q = em.createNativeQuery("select o.public_id, o.number, p.slug, p.name, o.state, o.items_total, o.quote, o.quote_state,"
                + " o.due_date, o.created_at, o.updated_at, (select count(*) from order_item i where i.order_id = o.id),"
                + " (select i.name from order_item i where i.order_id = o.id order by i.line_no limit 1),"
                + (forStaff ? " trim(coalesce(m.first_name, '') || ' ' || coalesce(m.last_name, ''))" : " null")
                + " from member_order o join partner p on p.id = o.partner_id join member m on m.id = o.member_id where " + where
                + " order by o.created_at desc, o.id desc limit " + limit);
        params.forEach(q::setParameter);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = q.getResultList();
        return rows.stream().map(r -> {
            Long itemsTotal = longOrNull(r[5]);
            Long quote = longOrNull(r[6]);
            Long price = "ACCEPTED".equals(r[7]) ? quote : itemsTotal;
            return new Summary((UUID) r[0], (String) r[1], (String) r[2], (String) r[3], (String) r[4], money(price), (String) r[7],
                    dateOrNull(r[8]), SqlValues.toInstant(r[9]), SqlValues.toInstant(r[10]), ((Number) r[11]).intValue(),
                    (String) r[12], (String) r[13]);
        }).toList();
    }

    private String write(Map<String, String> options) {
        try {
            return json.writeValueAsString(options);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, String> read(String text) {
        try {
            return json.readValue(text, new TypeReference<LinkedHashMap<String, String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String money(Long kopecks) {
        return kopecks == null ? null : Money.format(kopecks);
    }

    private static LocalDate dateOrNull(Object o) {
        return o == null ? null : SqlValues.toLocalDate(o);
    }

    static String nameOf(Member m) {
        String n = ((m.firstName == null ? "" : m.firstName) + " " + (m.lastName == null ? "" : m.lastName)).trim();
        return n.isEmpty() ? m.cardNumber : n;
    }

    private static Long longOrNull(Object o) {
        return o == null ? null : ((Number) o).longValue();
    }
}
