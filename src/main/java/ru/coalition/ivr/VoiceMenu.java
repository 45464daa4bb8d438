package ru.coalition.ivr;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import ru.coalition.members.Member;
import ru.coalition.members.MemberService;
import ru.coalition.orders.Orders;
import ru.coalition.partners.Partner;
import ru.coalition.partners.PartnerService;
import ru.coalition.platform.IvrMsg;
import ru.coalition.platform.Messages;
import ru.coalition.platform.ProblemException;
import ru.coalition.support.CallLog;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * The voice menu's one state machine (issue 14 §2, docs/ivr.md), whichever line carries the call. A turn takes what the
 * caller keyed (all of it: one key in a menu, the digits up to # for an order number; "" when they keyed nothing in
 * time) and answers what to say and what to wait for next, or to hang up. The call's row (ivr_call) holds its state
 * between turns, so the same call can be served by any replica, and is the call log.
 *
 * <p>Steps: greeting (1 order, 0 a person, 9 the other language) → number (digits and #; # alone is the caller's latest
 * open order when their phone is known) → order (its state and due date; 1 confirms a ready order for pickup, 2 cancels
 * a new one, both only from the phone of the order's member; 0 a person; * again) → cancel? (1 confirms). A wrong or
 * missing input repeats the step twice; the third time a person is offered (0 leaves a callback request in the support
 * desk, * starts again).
 */
@ApplicationScoped
@Transactional
public class VoiceMenu {

    private static final Logger LOG = Logger.getLogger(VoiceMenu.class);

    /** Wrong or missing inputs a step is repeated for before a person is offered. */
    static final int REPEATS = 2;

    /** What the line waits for after speaking: one key, or digits up to # (at most maxDigits). */
    public record Gather(int maxDigits, boolean untilHash, int timeoutSeconds) {
    }

    /** What to say now, in which language, and what to wait for; no gather means hang up after saying it. */
    public record Turn(UUID callId, String language, List<String> say, Gather gather) {
        public boolean hangsUp() {
            return gather == null;
        }

        public String text() {
            return String.join(" ", say);
        }
    }

    enum Step { GREETING, NUMBER, ORDER, CANCEL, PERSON, END }

    /** The call as its row holds it. */
    private record Call(long id, UUID publicId, long partnerId, String caller, Long memberId, String orderNumber, String language,
                        Step step, int wrong) {
    }

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    PartnerService partners;

    @Inject
    MemberService members;

    @Inject
    Orders orders;

    @Inject
    CallLog callLog;

    @Inject
    IvrConfig config;

    /** A call came in on the partner's line: the greeting. The same provider call again answers the same greeting. */
    public Turn start(Partner partner, String adapter, String providerCallId, String caller) {
        Optional<Call> known = find(adapter, providerCallId, true);
        if (known.isPresent()) {
            return say(known.get(), Step.GREETING, false);
        }
        Optional<String> phone = Optional.ofNullable(caller).flatMap(Phones::normalise);
        Optional<Member> member = phone.flatMap(members::byPhone);
        // the log shows the number as members write it when the line gave one, else what the line gave
        String shown = phone.orElse(caller);
        UUID id = UUID.randomUUID();
        long row = ((Number) em.createNativeQuery("insert into ivr_call (public_id, partner_id, adapter, provider_call_id, caller, member_id,"
                        + " language, step, started_at) values (:id, :p, :a, :c, :caller, :m, 'ru', 'GREETING', :now) returning id")
                .setParameter("id", id).setParameter("p", partner.id).setParameter("a", adapter).setParameter("c", providerCallId)
                .setParameter("caller", shown == null ? null : shown.length() > 64 ? shown.substring(0, 64) : shown)
                .setParameter("m", member.map(m -> m.id).orElse(null)).setParameter("now", clock.instant()).getSingleResult()).longValue();
        LOG.infof("voice menu: call %s from %s on %s's line (%s)", id, caller, partner.slug, member.isPresent() ? "member known" : "unknown caller");
        return say(load(row, false), Step.GREETING, false);
    }

    /** Whether the line's call is known (a provider may post keys of a call whose start we never saw). */
    public boolean known(String adapter, String providerCallId) {
        return find(adapter, providerCallId, false).isPresent();
    }

    /** What the caller keyed in the current step ("" when nothing came in time). */
    public Turn input(String adapter, String providerCallId, String keyed) {
        Call call = find(adapter, providerCallId, true).orElseThrow(() -> new IllegalStateException("no such call: " + providerCallId));
        String keys = keyed == null ? "" : keyed.trim();
        note(call, "digits", keys.isEmpty() ? "–" : keys);
        if (call.step() == Step.END) {
            return hangUp(call, List.of(msg(call).promptGoodbye()), null);
        }
        if (keys.equals("9") && call.step() != Step.NUMBER) {
            Call switched = update(call, call.step(), call.wrong(), null, call.language().equals("ru") ? "en" : "ru");
            return say(switched, call.step(), false);
        }
        return switch (call.step()) {
            case GREETING -> switch (keys) {
                case "1" -> say(call, Step.NUMBER, false);
                case "0" -> callback(call);
                default -> wrong(call);
            };
            case NUMBER -> number(call, keys);
            case ORDER -> orderKey(call, keys);
            case CANCEL -> switch (keys) {
                case "1" -> cancel(call);
                case "*" -> say(call, Step.ORDER, false);
                default -> wrong(call);
            };
            case PERSON -> switch (keys) {
                case "0" -> callback(call);
                case "*" -> say(update(call, Step.GREETING, 0, null, null), Step.GREETING, false);
                default -> hangUp(call, List.of(msg(call).promptGoodbye()), "HUNG_UP");
            };
            case END -> hangUp(call, List.of(msg(call).promptGoodbye()), null);
        };
    }

    /** The call ended (the caller hung up, or we did): its end and, if nothing else was decided, its outcome. */
    public void ended(String adapter, String providerCallId) {
        find(adapter, providerCallId, true).ifPresent(call -> em.createNativeQuery("update ivr_call set ended_at = coalesce(ended_at, :now),"
                        + " outcome = coalesce(outcome, case when order_number is not null then 'STATUS_TOLD' else 'HUNG_UP' end) where id = :id")
                .setParameter("now", clock.instant()).setParameter("id", call.id()).executeUpdate());
    }

    // ---- steps ----

    private Turn number(Call call, String keys) {
        String digits = keys.endsWith("#") ? keys.substring(0, keys.length() - 1) : keys;
        Partner partner = partners.findById(call.partnerId()).orElseThrow();
        Optional<Orders.Order> order;
        if (digits.isEmpty() && keys.endsWith("#")) {
            order = latest(call, partner);
        } else if (digits.isEmpty()) {
            return wrong(call);
        } else {
            order = orders.byNumber(partner, digits);
        }
        if (order.isEmpty()) {
            note(call, "path", "not-found");
            Call after = update(call, Step.NUMBER, call.wrong() + 1, null, null);
            if (after.wrong() > REPEATS) {
                return say(update(after, Step.PERSON, after.wrong(), null, null), Step.PERSON, true);
            }
            setOutcomeIfNone(call, "NOT_FOUND");
            return say(after, Step.NUMBER, List.of(msg(call).promptNotFound()));
        }
        Call found = update(call, Step.ORDER, 0, order.get().number(), null);
        em.createNativeQuery("update ivr_call set outcome = 'STATUS_TOLD' where id = :id").setParameter("id", call.id()).executeUpdate();
        return say(found, Step.ORDER, false);
    }

    private Turn orderKey(Call call, String keys) {
        Orders.Order order = currentOrder(call);
        boolean owner = owner(call, order);
        switch (keys) {
            case "1":
                if ("READY".equals(order.state()) && owner) {
                    orders.confirmPickup(members.byId(call.memberId()).orElseThrow(), order.orderId(), Orders.Actor.VOICE);
                    return hangUp(call, List.of(msg(call).promptPickupConfirmed()), "PICKUP_CONFIRMED");
                }
                return wrong(call);
            case "2":
                if ("NEW".equals(order.state()) && owner) {
                    return say(update(call, Step.CANCEL, 0, null, null), Step.CANCEL, false);
                }
                return wrong(call);
            case "0":
                return callback(call);
            case "*":
                return say(call, Step.ORDER, false);
            default:
                return wrong(call);
        }
    }

    private Turn cancel(Call call) {
        Orders.Order order = currentOrder(call);
        try {
            orders.cancelByMember(members.byId(call.memberId()).orElseThrow(), order.orderId(), null, Orders.Actor.VOICE);
        } catch (ProblemException e) {
            // started meanwhile: tell the state as it is now
            return say(update(call, Step.ORDER, 0, null, null), Step.ORDER, false);
        }
        return hangUp(call, List.of(msg(call).promptCancelled(spoken(order.number()))), "CANCELLED");
    }

    private Turn callback(Call call) {
        IvrMsg msg = msg(call);
        Partner partner = partners.findById(call.partnerId()).orElseThrow();
        String path = (String) em.createNativeQuery("select path from ivr_call where id = :id").setParameter("id", call.id()).getSingleResult();
        Optional<Member> member = call.memberId() == null ? Optional.empty() : members.byId(call.memberId());
        String caller = call.caller() == null || call.caller().isBlank() ? "?" : call.caller();
        CallLog.Logged logged = callLog.log(new CallLog.Call(member.map(m -> m.phone).filter(p -> p != null).orElse(caller),
                member.map(m -> m.cardNumber).orElse(null), msg.callbackSummary(caller, call.orderNumber(), path), "callback-needed", "question",
                partner.slug, msg.callbackSubject(call.orderNumber()), null), config.agentName());
        em.createNativeQuery("update ivr_call set ticket_number = :t where id = :id").setParameter("t", logged.ticketNumber())
                .setParameter("id", call.id()).executeUpdate();
        return hangUp(call, List.of(msg.promptCallbackTaken(spokenTicket(logged.ticketNumber()))), "CALLBACK");
    }

    private Turn wrong(Call call) {
        Call after = update(call, call.step(), call.wrong() + 1, null, null);
        if (after.wrong() > REPEATS) {
            if (call.step() == Step.PERSON) {
                return hangUp(call, List.of(msg(call).promptGoodbye()), "HUNG_UP");
            }
            return say(update(after, Step.PERSON, after.wrong(), null, null), Step.PERSON, true);
        }
        return say(after, call.step(), true);
    }

    // ---- what is said ----

    private Turn say(Call call, Step step, boolean wrongFirst) {
        return say(call, step, wrongFirst ? List.of(msg(call).promptWrongInput()) : List.of());
    }

    private Turn say(Call call, Step step, List<String> before) {
        IvrMsg msg = msg(call);
        Partner partner = partners.findById(call.partnerId()).orElseThrow();
        List<String> lines = new ArrayList<>(before);
        Gather gather = new Gather(1, false, config.inputTimeoutSeconds());
        String pathStep = step.name().toLowerCase();
        Call now = call.step() == step ? call : update(call, step, call.wrong(), null, null);
        switch (step) {
            case GREETING -> {
                lines.add(msg.promptGreeting(partner.name));
                lines.add(msg.promptGreetingMenu());
            }
            case NUMBER -> {
                Optional<Orders.Order> latest = latest(now, partner);
                lines.add(latest.map(o -> msg.promptAskNumberOrLatest(spoken(o.number()))).orElse(msg.promptAskNumber()));
                gather = new Gather(9, true, config.inputTimeoutSeconds());
            }
            case ORDER -> {
                Orders.Order order = currentOrder(now);
                pathStep = "order:" + order.state();
                lines.add(msg.promptOrder(spoken(order.number()), msg.promptStateWord(order.state()),
                        order.dueDate() == null ? null : spokenDate(order.dueDate(), now.language())));
                boolean owner = owner(now, order);
                if ("READY".equals(order.state()) && owner) {
                    lines.add(msg.promptConfirmPickup());
                } else if ("NEW".equals(order.state()) && owner) {
                    lines.add(msg.promptCancelOption());
                } else if (("READY".equals(order.state()) || "NEW".equals(order.state())) && !owner) {
                    lines.add(msg.promptChangeFromOwnPhone());
                }
                lines.add(msg.promptOrderMenu());
            }
            case CANCEL -> {
                pathStep = "cancel?";
                lines.add(msg.promptConfirmCancel(spoken(now.orderNumber())));
            }
            case PERSON -> lines.add(msg.promptOfferPerson());
            case END -> {
                return hangUp(now, List.of(msg.promptGoodbye()), null);
            }
        }
        note(now, "path", pathStep);
        return new Turn(now.publicId(), now.language(), lines, gather);
    }

    private Turn hangUp(Call call, List<String> lines, String outcome) {
        String step = outcome == null ? "goodbye" : outcome.toLowerCase();
        note(call, "path", step);
        em.createNativeQuery("update ivr_call set step = 'END', outcome = coalesce(:o, outcome) where id = :id")
                .setParameter("o", outcome).setParameter("id", call.id()).executeUpdate();
        return new Turn(call.publicId(), call.language(), lines, null);
    }

    // ---- the call's row ----

    private Optional<Orders.Order> latest(Call call, Partner partner) {
        if (call.memberId() == null) {
            return Optional.empty();
        }
        return members.byId(call.memberId()).flatMap(m -> orders.openOf(partner, m).stream().findFirst())
                .flatMap(s -> orders.byNumber(partner, digitsOf(s.number())));
    }

    private Orders.Order currentOrder(Call call) {
        Partner partner = partners.findById(call.partnerId()).orElseThrow();
        return orders.byNumber(partner, digitsOf(call.orderNumber())).orElseThrow();
    }

    /** Changes only from the phone of the order's member: a number keyed by anyone tells the state, nothing more. */
    private boolean owner(Call call, Orders.Order order) {
        if (call.memberId() == null) {
            return false;
        }
        Partner partner = partners.findById(call.partnerId()).orElseThrow();
        return orders.memberOf(partner, order.orderId()) == call.memberId();
    }

    private void note(Call call, String column, String value) {
        String separator = column.equals("path") ? " > " : " | ";
        em.createNativeQuery("update ivr_call set " + column + " = left(case when " + column + " = '' then :v else " + column
                        + " || :sep || :v end, " + (column.equals("path") ? 2000 : 500) + ") where id = :id")
                .setParameter("v", value).setParameter("sep", separator).setParameter("id", call.id()).executeUpdate();
    }

    private void setOutcomeIfNone(Call call, String outcome) {
        em.createNativeQuery("update ivr_call set outcome = coalesce(outcome, :o) where id = :id").setParameter("o", outcome)
                .setParameter("id", call.id()).executeUpdate();
    }

    private Call update(Call call, Step step, int wrong, String orderNumber, String language) {
        em.createNativeQuery("update ivr_call set step = :s, wrong = :w, order_number = coalesce(:o, order_number),"
                        + " language = coalesce(:l, language) where id = :id")
                .setParameter("s", step.name()).setParameter("w", wrong).setParameter("o", orderNumber).setParameter("l", language)
                .setParameter("id", call.id()).executeUpdate();
        return load(call.id(), false);
    }

    private Optional<Call> find(String adapter, String providerCallId, boolean lock) {
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery("select id from ivr_call where adapter = :a and provider_call_id = :c" + (lock ? " for update" : ""))
                .setParameter("a", adapter).setParameter("c", providerCallId).getResultList();
        return ids.stream().findFirst().map(id -> load(id.longValue(), false));
    }

    private Call load(long id, boolean lock) {
        Object[] r = (Object[]) em.createNativeQuery("select id, public_id, partner_id, caller, member_id, order_number, language, step, wrong"
                + " from ivr_call where id = :id" + (lock ? " for update" : "")).setParameter("id", id).getSingleResult();
        return new Call(((Number) r[0]).longValue(), (UUID) r[1], ((Number) r[2]).longValue(), (String) r[3],
                r[4] == null ? null : ((Number) r[4]).longValue(), (String) r[5], (String) r[6], Step.valueOf((String) r[7]),
                ((Number) r[8]).intValue());
    }

    private static IvrMsg msg(Call call) {
        return Messages.ivr(Locale.of(call.language()));
    }

    /** KM-000123 as the caller keys and hears it: 123. */
    static String digitsOf(String number) {
        String digits = number.replaceAll("\\D", "").replaceFirst("^0+(?=\\d)", "");
        return digits;
    }

    static String spoken(String number) {
        return digitsOf(number);
    }

    /** A ticket number with its digits apart, so a speech engine says them one by one. */
    static String spokenTicket(String number) {
        return number == null ? "" : String.join(" ", number.replaceAll("\\D", "").split(""));
    }

    static String spokenDate(LocalDate day, String language) {
        return day.format(DateTimeFormatter.ofPattern("d MMMM", Locale.of(language)));
    }
}
