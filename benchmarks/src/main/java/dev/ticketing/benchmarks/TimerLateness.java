package dev.ticketing.benchmarks;

import dev.ticketing.contract.ExpirationComplete;
import dev.ticketing.contract.Subject;
import dev.ticketing.expiration.adapters.scheduling.DbSchedulerTimers;
import dev.ticketing.expiration.application.EndPaymentWindow;
import dev.ticketing.expiration.application.ScheduleExpiry;
import dev.ticketing.platform.bus.BusConnection;
import dev.ticketing.platform.bus.BusNamespace;
import dev.ticketing.platform.bus.EventListener;
import dev.ticketing.platform.bus.ListenerSettings;
import dev.ticketing.platform.db.Database;
import dev.ticketing.platform.work.Outcome;
import dev.ticketing.testkit.TestBuses;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * How late the marketplace's expiry timers fire when many come due at once: orders written as the orders
 * service writes them, whose {@code expiresAt} fall evenly within a span that starts a little later, their
 * timers set with the expiration service's own {@link ScheduleExpiry} in its table (the work its
 * {@code order.created} listener does, done ahead as it would have been when the orders were placed), and
 * then the marketplace alone fires them. Lateness is the time from {@code expiresAt} to the
 * {@code expiration.complete} reaching a listener of the bench's own; an order with two such events
 * (distinct event ids) fired twice.
 */
final class TimerLateness {
    private static final Duration LEAD = Duration.ofSeconds(10);
    /** How long after the last timer's time one that has not fired is waited for. */
    static final Duration GRACE = Duration.ofSeconds(60);
    /** The buyer of every order written here: they have no {@code order.created} (see {@link Backlog}). */
    static final String BUYER = "bench-buyer";

    private final Map<String, Instant> due = new ConcurrentHashMap<>();
    private final Map<String, Instant> arrived = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> events = new ConcurrentHashMap<>();

    /** @return the lateness of each timer; fired twice and never fired are told by {@link #twice} and {@link #missing} */
    Meter.Done measure(BenchDatabase database, BusNamespace namespace, List<String> tickets, Duration spread)
            throws Exception {
        BusConnection bus = TestBuses.connect(namespace, "bench");
        EventListener<ExpirationComplete> listener = new EventListener<>(bus, "bench", Subject.EXPIRATION_COMPLETE,
                (event, delivery) -> {
                    if (!due.containsKey(event.orderId())) {
                        return Outcome.HANDLED; // the stream's earlier expirations (the JIT warm-up's)
                    }
                    arrived.putIfAbsent(event.orderId(), Instant.now());
                    events.computeIfAbsent(event.orderId(), id -> ConcurrentHashMap.newKeySet()).add(delivery.eventId());
                    return Outcome.HANDLED;
                }, ListenerSettings.defaults(Duration.ofSeconds(30)).withMaxInFlight(256)).start();
        try {
            while (!listener.isSubscribed()) {
                Thread.sleep(20);
            }
            Instant first = Instant.now().plus(LEAD);
            Duration scheduling = comeDue(database, tickets, first, spread);
            System.out.printf("    %,d timers set in %.1f s, the first due %d s after they were begun%n", due.size(),
                    scheduling.toMillis() / 1e3, LEAD.toSeconds());
            Instant deadline = first.plus(spread).plus(GRACE);
            while (arrived.size() < due.size() && Instant.now().isBefore(deadline)) {
                Thread.sleep(50);
            }
            Thread.sleep(2_000); // a timer that fires twice does so soon after the first time
        } finally {
            listener.close();
            bus.close();
        }
        long[] lateness = arrived.entrySet().stream().filter(e -> due.containsKey(e.getKey()))
                .mapToLong(e -> Duration.between(due.get(e.getKey()), e.getValue()).toNanos()).toArray();
        Instant last = arrived.values().stream().max(Instant::compareTo).orElse(Instant.now());
        Instant firstDue = due.values().stream().min(Instant::compareTo).orElseThrow();
        double seconds = Duration.between(firstDue, last).toMillis() / 1e3;
        return new Meter.Done(arrived.size(), arrived.size() / seconds, Latencies.of(lateness));
    }

    /**
     * Orders for {@code tickets} due evenly within {@code spread} from {@code first}, written and their timers set;
     * how long setting the timers took. Also the JIT warm-up's, which measures nothing.
     */
    Duration comeDue(BenchDatabase database, List<String> tickets, Instant first, Duration spread) throws Exception {
        for (int i = 0; i < tickets.size(); i++) {
            due.put(UUID.randomUUID().toString(), first.plus(spread.multipliedBy(i).dividedBy(tickets.size())));
        }
        List<String> orders = new ArrayList<>(due.keySet());
        insertOrders(database, orders, tickets);
        return setTimers(database, orders);
    }

    long twice() {
        return events.values().stream().filter(ids -> ids.size() > 1).count();
    }

    long missing() {
        return due.size() - arrived.size();
    }

    int timers() {
        return due.size();
    }

    /** The orders, as PlaceOrder writes them (without their order.created: the timers are set below). */
    private void insertOrders(BenchDatabase database, List<String> orders, List<String> tickets) throws Exception {
        try (Connection connection = database.connect(); PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO orders.orders (id, user_id, status, expires_at, ticket_id, version, ticket_title, ticket_price)
                SELECT o::uuid, ?, 'created', e::timestamptz, t.id, 0, t.title, t.price
                FROM unnest(?::text[], ?::text[], ?::text[]) AS x(o, e, tid) JOIN orders.tickets t ON t.id = x.tid""")) {
            insert.setString(1, BUYER);
            insert.setArray(2, connection.createArrayOf("text", orders.toArray()));
            insert.setArray(3, connection.createArrayOf("text", orders.stream().map(o -> due.get(o).toString()).toArray()));
            insert.setArray(4, connection.createArrayOf("text", tickets.toArray()));
            insert.executeUpdate();
        }
    }

    /** Sets every timer with the expiration service's use case, from four threads; how long it took. */
    private Duration setTimers(BenchDatabase database, List<String> orders) throws Exception {
        long start = System.nanoTime();
        try (Database expiration = Database.open(database.schema("expiration"), 4, "classpath:db/expiration");
             DbSchedulerTimers timers = new DbSchedulerTimers(expiration.dataSource(),
                     new EndPaymentWindow(expiration.transactions()), Duration.ofSeconds(1));
             var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            ScheduleExpiry schedule = new ScheduleExpiry(timers); // never started here: it only writes the timers
            List<Future<?>> all = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                List<String> share = orders.subList(orders.size() * t / 4, orders.size() * (t + 1) / 4);
                all.add(threads.submit(() -> share.forEach(order -> schedule.schedule(order, due.get(order)))));
            }
            for (Future<?> future : all) {
                future.get();
            }
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
