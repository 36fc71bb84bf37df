package dev.ticketing.chaos.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketing.chaos.bus.BusFaults;
import dev.ticketing.chaos.bus.BusFaults.ForgedTicket;
import dev.ticketing.chaos.bus.StreamReader;
import dev.ticketing.chaos.bus.StreamReader.Stored;
import java.io.IOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** What the bus and the outboxes hold: expiries, unpublished rows, dead letters, the forged ticket. */
final class BusCheck {
    static final String EXPIRES_ONCE = "expires-once";
    static final String OUTBOX = "outbox";
    static final String DEAD_LETTERS = "dead-letters";
    static final String REORDER = "reorder";
    static final List<String> SCHEMAS = List.of("auth", "tickets", "orders", "expiration", "payments");

    private static final ObjectMapper JSON = new ObjectMapper();

    private BusCheck() {
    }

    /** At most one distinct expiration.complete event per order of the scenario (copies share an id). */
    static Verdict expiresOnce(Connection db, StreamReader stream, Instant since)
            throws SQLException, IOException, InterruptedException {
        Set<String> scoped = Sql.rows(db, "SELECT id::text FROM orders.orders WHERE created_at >= ?", since).stream()
                .map(r -> (String) r[0]).collect(Collectors.toSet());
        Map<String, Set<String>> eventsByOrder = new HashMap<>();
        for (Stored message : stream.read(StreamReader.EVENTS, "expiration.complete", 0)) {
            JsonNode orderId = parse(message.data()).get("orderId");
            if (orderId != null && scoped.contains(orderId.asText())) {
                eventsByOrder.computeIfAbsent(orderId.asText(), k -> new HashSet<>()).add(message.eventId());
            }
        }
        List<String> problems = new ArrayList<>();
        eventsByOrder.forEach((order, ids) -> {
            if (ids.size() > 1) {
                problems.add("order " + order + " expired " + ids.size() + " times");
            }
        });
        return Verdict.of(EXPIRES_ONCE, problems);
    }

    static Verdict outbox(Connection db) throws SQLException {
        List<String> problems = new ArrayList<>();
        for (String schema : SCHEMAS) {
            if (!Sql.exists(db, schema + ".outbox")) {
                continue;
            }
            List<Object[]> r = Sql.rows(db, "SELECT count(*), min(id), min(created_at), string_agg(DISTINCT subject, ',')"
                    + " FROM " + schema + ".outbox WHERE published_at IS NULL");
            long count = ((Number) r.getFirst()[0]).longValue();
            if (count > 0) {
                problems.add(schema + ": " + count + " unpublished (" + r.getFirst()[3] + "), oldest row "
                        + r.getFirst()[1] + " from " + r.getFirst()[2]);
            }
        }
        return Verdict.of(OUTBOX, problems);
    }

    /** The dead-letter stream holds only the suite's poison, and all of this scenario's poison. */
    static Verdict deadLetters(StreamReader stream, long before, List<String> poisonIds)
            throws IOException, InterruptedException {
        long last = stream.lastSequence(StreamReader.DEAD_LETTERS);
        List<Stored> letters = stream.read(StreamReader.DEAD_LETTERS, ">", last < before ? 0 : before);
        List<String> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Stored letter : letters) {
            String id = letter.eventId() == null ? "?" : letter.eventId();
            seen.add(id);
            if (!id.startsWith(BusFaults.POISON_PREFIX)) {
                problems.add("dead letter #" + letter.sequence() + " " + letter.subject() + " event " + id + ": "
                        + letter.headers().getFirst("Ticketing-Dead-Letter-Reason"));
            }
        }
        poisonIds.stream().filter(id -> !seen.contains(id)).forEach(id -> problems.add("poison " + id + " not set aside"));
        return Verdict.of(DEAD_LETTERS, problems);
    }

    /** The orders replica of the forged ticket holds version 2, although version 1 arrived after it. */
    static Verdict reorder(Connection db, ForgedTicket forged) throws SQLException {
        List<Object[]> rows = Sql.rows(db, "SELECT title, price, version FROM orders.tickets WHERE id = ?", forged.id());
        if (rows.isEmpty()) {
            return Verdict.of(REORDER, List.of("forged ticket " + forged.id() + " missing from the orders replica"));
        }
        Object[] r = rows.getFirst();
        boolean ok = forged.finalTitle().equals(r[0]) && forged.finalPrice().compareTo((BigDecimal) r[1]) == 0
                && ((Number) r[2]).longValue() == forged.finalVersion();
        return ok ? Verdict.pass(REORDER) : Verdict.of(REORDER, List.of("forged ticket " + forged.id() + " is v" + r[2]
                + " '" + r[0] + "' " + r[1] + ", expected v" + forged.finalVersion()));
    }

    private static JsonNode parse(byte[] data) {
        try {
            return JSON.readTree(data);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }
}
