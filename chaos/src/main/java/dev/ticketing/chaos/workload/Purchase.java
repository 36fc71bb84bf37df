package dev.ticketing.chaos.workload;

import dev.ticketing.chaos.workload.ApiClient.ApiResponse;
import java.math.BigDecimal;

/**
 * One ticket's life in the workload: listed (maybe edited), ordered, then one of five endings:
 * paid (0, 1), cancelled and edited again (2), left to expire (3), paid and cancelled at once (4).
 */
final class Purchase {
    private static final int ATTEMPTS = 12;
    private static final long RETRY_MILLIS = 300;

    private final ApiClient api;
    private final Acknowledged acks;
    private final String seller;
    private final String buyer;
    private final int ending;

    Purchase(ApiClient api, Acknowledged acks, String seller, String buyer, int ending) {
        this.api = api;
        this.acks = acks;
        this.seller = seller;
        this.buyer = buyer;
        this.ending = ending;
    }

    void run(String label) throws InterruptedException {
        BigDecimal price = Workload.randomPrice();
        ApiResponse created = api.createTicket(seller, "Concert " + label, price.toPlainString());
        if (!created.is(201)) {
            unknownIfUnanswered(created, "create ticket " + label);
            return;
        }
        String ticketId = created.text("id");
        acks.ticket(ticketId, "Concert " + label, price, 0);
        if (ending != 3) {
            edit(ticketId, "Concert " + label + " (edited)");
        }
        String orderId = placeOrder(ticketId);
        if (orderId == null) {
            return;
        }
        switch (ending) {
            case 0, 1 -> pay(orderId);
            case 2 -> {
                cancel(orderId);
                Thread.sleep(500); // let the release reach the tickets service, then edit the freed ticket
                edit(ticketId, "Concert " + label + " (relisted)");
            }
            case 3 -> { } // left to expire
            default -> payAndCancelAtOnce(orderId);
        }
    }

    private void edit(String ticketId, String title) throws InterruptedException {
        BigDecimal price = Workload.randomPrice();
        ApiResponse response = api.updateTicket(seller, ticketId, title, price.toPlainString());
        if (response.is(200)) {
            acks.ticket(ticketId, title, price, response.body().get("version").asLong());
        } else if (response.status() == 0 || response.status() >= 500) {
            acks.unansweredEdit(ticketId, title, price);
        }
    }

    /** The orders service learns of a new ticket through the bus: a 404 right after listing is normal. */
    private String placeOrder(String ticketId) throws InterruptedException {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            ApiResponse response = api.placeOrder(buyer, ticketId);
            if (response.is(201)) {
                acks.order(response.text("id"), ticketId);
                return response.text("id");
            }
            if (response.status() == 0 || response.status() >= 500) {
                // the order may exist; ordering again would only be refused as "already reserved"
                acks.unknown("order for " + ticketId);
                return null;
            }
            if (response.status() != 404) {
                return null;
            }
            Thread.sleep(RETRY_MILLIS);
        }
        return null;
    }

    /** Likewise the payments service learns of the order through the bus. */
    private void pay(String orderId) throws InterruptedException {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            ApiResponse response = api.pay(buyer, orderId);
            if (response.is(201)) {
                acks.paid(orderId, response.text("id"));
                return;
            }
            if (response.status() != 404) {
                unknownIfUnanswered(response, "payment of " + orderId);
                return;
            }
            Thread.sleep(RETRY_MILLIS);
        }
    }

    private void cancel(String orderId) throws InterruptedException {
        ApiResponse response = api.cancelOrder(buyer, orderId);
        if (response.is(204)) {
            acks.cancelled(orderId);
        } else {
            unknownIfUnanswered(response, "cancel of " + orderId);
        }
    }

    /** The race of ADR-003: a payment and a cancellation of one order in flight together. */
    private void payAndCancelAtOnce(String orderId) throws InterruptedException {
        Thread payment = Thread.ofVirtual().start(() -> {
            try {
                pay(orderId);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Thread.sleep(20);
        cancel(orderId);
        payment.join();
    }

    private void unknownIfUnanswered(ApiResponse response, String what) {
        if (response.status() == 0 || response.status() >= 500) {
            acks.unknown(what + " (" + (response.status() == 0 ? response.failure() : response.status()) + ")");
        }
    }
}
