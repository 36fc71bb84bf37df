package dev.ticketing.platform.work;

/** What a handler made of an event. A handler that cannot handle an event throws instead. */
public enum Outcome {
    /** Applied, or recognised as already applied: acknowledge it. */
    HANDLED,
    /** Recognised by the inbox as handled before, and not applied again: acknowledge it. */
    DUPLICATE,
    /** Cannot be applied yet (its predecessor has not arrived): leave it unacknowledged and see it again shortly. */
    NOT_YET
}
