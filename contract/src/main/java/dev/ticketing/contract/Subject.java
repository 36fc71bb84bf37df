package dev.ticketing.contract;

import java.util.List;
import java.util.Optional;

/**
 * The contract's subjects, each bound to the one event type that travels on it. This class is the
 * only place where subject names are written down.
 *
 * @param <E> the event type carried on this subject
 */
public final class Subject<E extends Event> {
    public static final Subject<TicketCreated> TICKET_CREATED = new Subject<>("ticket.created", TicketCreated.class);
    public static final Subject<TicketUpdated> TICKET_UPDATED = new Subject<>("ticket.updated", TicketUpdated.class);
    public static final Subject<OrderCreated> ORDER_CREATED = new Subject<>("order.created", OrderCreated.class);
    public static final Subject<OrderCancelled> ORDER_CANCELLED = new Subject<>("order.cancelled", OrderCancelled.class);
    public static final Subject<ExpirationComplete> EXPIRATION_COMPLETE =
            new Subject<>("expiration.complete", ExpirationComplete.class);
    public static final Subject<PaymentCreated> PAYMENT_CREATED = new Subject<>("payment.created", PaymentCreated.class);
    public static final Subject<PaymentWindowClosed> PAYMENT_WINDOW_CLOSED =
            new Subject<>("payment.window.closed", PaymentWindowClosed.class);
    public static final Subject<SessionRevoked> SESSION_REVOKED = new Subject<>("session.revoked", SessionRevoked.class);

    private static final List<Subject<?>> ALL = List.of(
            TICKET_CREATED, TICKET_UPDATED, ORDER_CREATED, ORDER_CANCELLED, EXPIRATION_COMPLETE, PAYMENT_CREATED,
            PAYMENT_WINDOW_CLOSED, SESSION_REVOKED);

    private final String name;
    private final Class<E> type;

    private Subject(String name, Class<E> type) {
        this.name = name;
        this.type = type;
    }

    /** The subject as the contract names it, for example {@code ticket.created}. */
    public String name() {
        return name;
    }

    public Class<E> type() {
        return type;
    }

    /** Every subject of the contract. */
    public static List<Subject<?>> all() {
        return ALL;
    }

    /** The subject with the contract name {@code name}, if there is one. */
    public static Optional<Subject<?>> named(String name) {
        return ALL.stream().filter(s -> s.name.equals(name)).findFirst();
    }

    /** The subject that carries {@code event}. */
    @SuppressWarnings("unchecked")
    public static <E extends Event> Subject<E> of(E event) {
        Subject<?> subject = switch (event) {
            case TicketCreated e -> TICKET_CREATED;
            case TicketUpdated e -> TICKET_UPDATED;
            case OrderCreated e -> ORDER_CREATED;
            case OrderCancelled e -> ORDER_CANCELLED;
            case ExpirationComplete e -> EXPIRATION_COMPLETE;
            case PaymentCreated e -> PAYMENT_CREATED;
            case PaymentWindowClosed e -> PAYMENT_WINDOW_CLOSED;
            case SessionRevoked e -> SESSION_REVOKED;
        };
        return (Subject<E>) subject;
    }

    @Override
    public String toString() {
        return name;
    }
}
