package dev.ticketing.platform.outbox;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jdbi.v3.core.Jdbi;

/**
 * The relays running in this process, by the {@link Jdbi} their service writes its outbox through. A
 * commit that added events wakes its own process's relay directly when that relay is the active one;
 * only otherwise does it ask PostgreSQL to tell the other replicas ({@code NOTIFY}). A {@code NOTIFY}
 * holds a lock that serializes every notifying commit of the whole database server through its WAL
 * flush: with it in every outbox transaction, order placement spent most of its time waiting at
 * {@code COMMIT} (README, Performance).
 */
final class LocalRelays {
    private static final Map<Jdbi, List<OutboxRelay>> RUNNING = new ConcurrentHashMap<>();

    private LocalRelays() {
    }

    static void add(Jdbi jdbi, OutboxRelay relay) {
        RUNNING.computeIfAbsent(jdbi, key -> new CopyOnWriteArrayList<>()).add(relay);
    }

    static void remove(Jdbi jdbi, OutboxRelay relay) {
        RUNNING.computeIfPresent(jdbi, (key, relays) -> {
            relays.remove(relay);
            return relays.isEmpty() ? null : relays;
        });
    }

    /** The relay of this process that publishes what {@code jdbi} commits, if it is the active one now. */
    static OutboxRelay active(Jdbi jdbi) {
        List<OutboxRelay> relays = RUNNING.get(jdbi);
        if (relays != null) {
            for (OutboxRelay relay : relays) {
                if (relay.isActive()) {
                    return relay;
                }
            }
        }
        return null;
    }
}
