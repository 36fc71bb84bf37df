package dev.ticketing.orders.domain;

/** The life of an order; {@link #wire()} is how the contract writes it. */
public enum OrderStatus {
    CREATED("created"),
    AWAITING_PAYMENT("awaiting:payment"),
    CANCELLED("cancelled"),
    COMPLETE("complete");

    private final String wire;

    OrderStatus(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static OrderStatus fromWire(String wire) {
        for (OrderStatus status : values()) {
            if (status.wire.equals(wire)) {
                return status;
            }
        }
        throw new IllegalArgumentException("unknown order status " + wire);
    }
}
