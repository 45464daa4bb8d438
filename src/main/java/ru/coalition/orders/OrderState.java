package ru.coalition.orders;

import java.util.EnumSet;
import java.util.Set;

/**
 * An order's states (docs/orders.md): new → accepted → in work → ready → done, or cancelled. Staff move an order one
 * step forward or cancel it with a reason; the member may cancel only before the work starts.
 */
public enum OrderState {
    NEW, ACCEPTED, IN_WORK, READY, DONE, CANCELLED;

    /** Where staff may move an order from this state. */
    public Set<OrderState> next() {
        return switch (this) {
            case NEW -> EnumSet.of(ACCEPTED, CANCELLED);
            case ACCEPTED -> EnumSet.of(IN_WORK, CANCELLED);
            case IN_WORK -> EnumSet.of(READY, CANCELLED);
            case READY -> EnumSet.of(DONE, CANCELLED);
            case DONE, CANCELLED -> EnumSet.noneOf(OrderState.class);
        };
    }

    public boolean finished() {
        return this == DONE || this == CANCELLED;
    }

    /** The member may cancel until the work starts. */
    public boolean cancellableByMember() {
        return this == NEW || this == ACCEPTED;
    }

    /** A quote may be given (or given again) until the work starts. */
    public boolean quotable() {
        return this == NEW || this == ACCEPTED;
    }

    /** The states on the staff's board, in its column order. */
    public static final java.util.List<OrderState> BOARD = java.util.List.of(NEW, ACCEPTED, IN_WORK, READY);

    public static OrderState parse(String text) {
        for (OrderState s : values()) {
            if (s.name().equalsIgnoreCase(text)) {
                return s;
            }
        }
        return null;
    }
}
