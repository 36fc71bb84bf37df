package dev.ticketing.tickets.adapters.messaging;

import dev.ticketing.contract.Subject;
import dev.ticketing.platform.bus.Listeners;
import dev.ticketing.platform.inbox.Inbox;
import dev.ticketing.tickets.application.ReleaseTicket;
import dev.ticketing.tickets.application.ReserveTicket;

/** The events the tickets service consumes: one row per subject, each handing plain values to one use case. */
public final class TicketsEventHandlers {
    private final ReserveTicket reserve;
    private final ReleaseTicket release;

    public TicketsEventHandlers(ReserveTicket reserve, ReleaseTicket release) {
        this.reserve = reserve;
        this.release = release;
    }

    public void register(Listeners listeners, Inbox inbox) {
        listeners
                .on(Subject.ORDER_CREATED, inbox.once((unit, order) ->
                        reserve.reserve(unit, order.id(), order.ticket().id())))
                .on(Subject.ORDER_CANCELLED, inbox.once((unit, order) ->
                        release.release(unit, order.id(), order.ticket().id())));
    }
}
