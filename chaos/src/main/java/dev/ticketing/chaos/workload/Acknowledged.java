package dev.ticketing.chaos.workload;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every write the marketplace acknowledged during one scenario (201, 204, or 200 on PUT), with what
 * it returned: the checker proves each is present. A write that got no answer (a refused
 * connection, a timeout, a 5xx) may or may not have happened; for ticket edits it is kept as a
 * possible state so that a committed-but-unanswered edit is not counted as lost.
 */
public final class Acknowledged {
    /** A ticket's last acknowledged state, and the edits attempted after it that got no answer. */
    public record TicketState(String title, BigDecimal price, long version, List<Edit> unanswered) {
    }

    public record Edit(String title, BigDecimal price) {
    }

    private final Map<String, String> users = new ConcurrentHashMap<>();
    private final Map<String, TicketState> tickets = new ConcurrentHashMap<>();
    private final Map<String, String> orderTickets = new ConcurrentHashMap<>();
    private final Set<String> cancelledOrders = ConcurrentHashMap.newKeySet();
    private final Map<String, String> paymentsByOrder = new ConcurrentHashMap<>();
    private final List<String> unknownOutcomes = new CopyOnWriteArrayList<>();

    public void user(String id, String email) {
        users.put(id, email);
    }

    public void ticket(String id, String title, BigDecimal price, long version) {
        tickets.put(id, new TicketState(title, price, version, new CopyOnWriteArrayList<>()));
    }

    /** An edit that was not answered: the ticket may now hold it. */
    public void unansweredEdit(String id, String title, BigDecimal price) {
        TicketState state = tickets.get(id);
        if (state != null) {
            state.unanswered().add(new Edit(title, price));
        }
    }

    public void order(String id, String ticketId) {
        orderTickets.put(id, ticketId);
    }

    public void cancelled(String orderId) {
        cancelledOrders.add(orderId);
    }

    public void paid(String orderId, String paymentId) {
        paymentsByOrder.put(orderId, paymentId);
    }

    /** A write that got no answer; kept for the report's counts. */
    public void unknown(String what) {
        unknownOutcomes.add(what);
    }

    public Map<String, String> users() {
        return Map.copyOf(users);
    }

    public Map<String, TicketState> tickets() {
        return Map.copyOf(tickets);
    }

    public Map<String, String> orders() {
        return Map.copyOf(orderTickets);
    }

    public Set<String> cancelledOrders() {
        return Set.copyOf(cancelledOrders);
    }

    public Map<String, String> paymentsByOrder() {
        return Map.copyOf(paymentsByOrder);
    }

    public int unknownCount() {
        return unknownOutcomes.size();
    }

    public String summary() {
        return String.format("%d users, %d tickets, %d orders, %d cancels, %d payments acknowledged; %d unanswered",
                users.size(), tickets.size(), orderTickets.size(), cancelledOrders.size(), paymentsByOrder.size(),
                unknownOutcomes.size());
    }
}
