package dev.ticketing.chaos.check;

import dev.ticketing.chaos.bus.StreamReader;
import dev.ticketing.chaos.infra.Marketplace;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Waits until the marketplace has settled after a scenario: every order's expiry (plus the poll
 * interval and bound) has passed, and nothing in the database or the streams has changed for a
 * while. Bounded: a system that never settles (a stuck outbox) is reported by the checks, not
 * waited for forever; a stuck outbox that stays unchanged ends the wait after a longer stillness.
 */
public final class Quiet {
    private static final Duration STILL = Duration.ofSeconds(4);
    private static final Duration STILL_WITH_BACKLOG = Duration.ofSeconds(12);

    private final Marketplace marketplace;
    private final StreamReader stream;

    public Quiet(Marketplace marketplace) {
        this.marketplace = marketplace;
        this.stream = new StreamReader(marketplace.bus());
    }

    /** Returns a one-line description of how the wait ended. */
    public String await(Instant since, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        Duration settle = marketplace.settings().pollInterval().plus(marketplace.settings().expiryBound());
        String last = null;
        Instant stillSince = Instant.now();
        String error = null;
        while (Instant.now().isBefore(deadline)) {
            Snapshot now = snapshot(since);
            if (now.error() != null) {
                // A snapshot that could not be read (a JetStream request timing out while a cluster elects a
                // leader) says nothing either way. Any change moves the fingerprint on for good (it holds
                // ids, versions and stream sequences, which only grow), so the stillness measured across
                // the gap stands; the gap only cannot end the wait.
                error = now.error();
            } else if (!now.fingerprint().equals(last)) {
                last = now.fingerprint();
                stillSince = Instant.now();
            } else {
                Duration still = Duration.between(stillSince, Instant.now());
                boolean expiriesDue = now.lastExpiry() != null && Instant.now().isBefore(now.lastExpiry().plus(settle));
                // Events the consumers still owe are work to come (a listener may take a while to resume
                // after NATS came back), and so are charges not yet settled (the payments reconciler takes
                // them up again a while after the database came back): wait for them up to the timeout,
                // then let the checks tell.
                if (!expiriesDue && now.undelivered() == 0 && now.unsettled() == 0
                        && still.compareTo(now.backlog() > 0 ? STILL_WITH_BACKLOG : STILL) >= 0) {
                    return now.backlog() > 0 ? "still, but " + now.backlog() + " outbox row(s) unpublished" : "quiet";
                }
            }
            Thread.sleep(500);
        }
        return "not quiet after " + timeout.toSeconds() + " s (" + (last == null ? "never read" : last)
                + (error == null ? "" : "; last error: " + error) + ")";
    }

    private record Snapshot(String fingerprint, long backlog, long undelivered, long unsettled, Instant lastExpiry,
                            String error) {
    }

    private Snapshot snapshot(Instant since) {
        StringBuilder fingerprint = new StringBuilder();
        long backlog = 0;
        Instant lastExpiry = null;
        long undelivered;
        long unsettled;
        try (Connection db = marketplace.postgres().connect()) {
            for (String schema : BusCheck.SCHEMAS) {
                if (Sql.exists(db, schema + ".outbox")) {
                    long unpublished = Sql.count(db, "SELECT count(*) FROM " + schema + ".outbox WHERE published_at IS NULL");
                    backlog += unpublished;
                    fingerprint.append(schema).append(unpublished).append('/')
                            .append(Sql.count(db, "SELECT coalesce(max(id), 0) FROM " + schema + ".outbox")).append(' ');
                }
            }
            for (String table : List.of("tickets.tickets", "orders.tickets", "orders.orders", "payments.orders")) {
                Object[] r = Sql.rows(db, "SELECT count(*), coalesce(sum(version), 0) FROM " + table).getFirst();
                fingerprint.append(r[0]).append(':').append(r[1]).append(' ');
            }
            fingerprint.append(Sql.rows(db, "SELECT string_agg(status || count, ',') FROM "
                    + "(SELECT status, count(*) FROM payments.payments GROUP BY status ORDER BY status) s").getFirst()[0]);
            unsettled = Sql.count(db, "SELECT count(*) FROM payments.payments WHERE status IN ('pending', 'refund_pending')");
            java.sql.Timestamp expiry = (java.sql.Timestamp) Sql.rows(db,
                    "SELECT max(expires_at) FROM orders.orders WHERE created_at >= ?", since).getFirst()[0];
            lastExpiry = expiry == null ? null : expiry.toInstant();
            undelivered = stream.consumerBacklog();
            fingerprint.append(" undelivered ").append(undelivered);
            fingerprint.append(' ').append(stream.lastSequence(StreamReader.EVENTS))
                    .append(' ').append(stream.lastSequence(StreamReader.DEAD_LETTERS));
        } catch (Exception e) {
            return new Snapshot(null, 0, 0, 0, null, e.toString()); // unreachable or half-migrated: no reading
        }
        return new Snapshot(fingerprint.toString(), backlog, undelivered, unsettled, lastExpiry, null);
    }
}
