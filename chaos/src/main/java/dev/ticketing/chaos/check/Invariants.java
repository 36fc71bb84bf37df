package dev.ticketing.chaos.check;

import dev.ticketing.chaos.bus.StreamReader;
import dev.ticketing.chaos.infra.Marketplace;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The invariants every scenario must leave intact, read straight from the private database (each
 * service's schema) and the streams. Each is checked on its own: one that cannot be read fails
 * alone, with the reason.
 */
public final class Invariants {
    /** The report's columns, in order. */
    public static final List<String> NAMES = List.of(WritesCheck.NAME, ReplicaCheck.TICKETS, ReplicaCheck.ORDERS,
            ReservationCheck.RESERVATION, ReservationCheck.EXPIRY, BusCheck.EXPIRES_ONCE, ChargeCheck.NAME,
            BusCheck.OUTBOX, RelayCheck.NAME, BusCheck.DEAD_LETTERS, BusCheck.REORDER);

    private final Marketplace marketplace;
    private final StreamReader stream;

    public Invariants(Marketplace marketplace) {
        this.marketplace = marketplace;
        this.stream = new StreamReader(marketplace.bus());
    }

    @FunctionalInterface
    private interface Check {
        Verdict run(Connection db) throws Exception;
    }

    public List<Verdict> check(Scope scope) {
        Duration lateness = marketplace.settings().expiryLateness();
        List<Verdict> verdicts = new ArrayList<>();
        try (Connection db = marketplace.postgres().connect()) {
            verdicts.add(run(db, WritesCheck.NAME, c -> WritesCheck.check(c, scope.acknowledged())));
            verdicts.add(run(db, ReplicaCheck.TICKETS, c -> ReplicaCheck.tickets(c, scope.since())));
            verdicts.add(run(db, ReplicaCheck.ORDERS, c -> ReplicaCheck.orders(c, scope.since())));
            verdicts.add(run(db, ReservationCheck.RESERVATION, c -> ReservationCheck.reservations(c, scope.since())));
            verdicts.add(run(db, ReservationCheck.EXPIRY, c -> ReservationCheck.expiries(c, scope.since(), lateness)));
            verdicts.add(run(db, BusCheck.EXPIRES_ONCE, c -> BusCheck.expiresOnce(c, stream, scope.since())));
            verdicts.add(run(db, ChargeCheck.NAME, c -> ChargeCheck.check(c, scope.since())));
            verdicts.add(run(db, BusCheck.OUTBOX, BusCheck::outbox));
            verdicts.add(run(db, RelayCheck.NAME, RelayCheck::check));
            verdicts.add(run(db, BusCheck.DEAD_LETTERS,
                    c -> BusCheck.deadLetters(stream, scope.deadLettersBefore(), scope.poisonIds())));
            verdicts.add(scope.forged().isEmpty() ? Verdict.notApplicable(BusCheck.REORDER)
                    : run(db, BusCheck.REORDER, c -> BusCheck.reorder(c, scope.forged().get())));
        } catch (Exception e) {
            for (String name : NAMES.subList(verdicts.size(), NAMES.size())) {
                verdicts.add(Verdict.error(name, e));
            }
        }
        return verdicts;
    }

    private static Verdict run(Connection db, String name, Check check) {
        try {
            return check.run(db);
        } catch (Exception e) {
            return Verdict.error(name, e);
        }
    }
}
