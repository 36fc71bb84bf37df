package dev.ticketing.chaos;

import dev.ticketing.chaos.bus.BusFaults.ForgedTicket;

/**
 * Faults on the bus itself: copies of real events delivered again, the suite's own ticket whose
 * version 1 arrives after version 2, and malformed messages that must end in the dead-letter stream.
 */
final class BusScenario {
    private static final int DUPLICATES = 40;

    private BusScenario() {
    }

    static void inject(FaultContext c) throws Exception {
        int copies = c.bus().duplicate(c.eventsBefore(), DUPLICATES / 2);
        ForgedTicket forged = c.bus().startReordered();
        c.forged(forged);
        c.poisoned(c.bus().poison());
        Thread.sleep(c.settings().reorderDelay());
        c.bus().publishLateVersion(forged);
        // Copies of what happened meanwhile too: expirations, payments, cancellations.
        copies += c.bus().duplicate(c.eventsBefore(), DUPLICATES / 2);
        c.note("published " + copies + " duplicated events, forged ticket " + forged.id() + ", 2 poison messages");
    }
}
