package dev.ticketing.benchmarks;

import dev.ticketing.benchmarks.Table.Target;
import java.time.Duration;
import java.util.Locale;

/**
 * The phases with the marketplace running, in order: tickets listed, orders placed through the front end
 * and straight to the orders service, the first page of tickets, the front end's own cost (a request auth
 * answers from nothing, straight and through the front end), sign-in, replica lag under edits, expiry
 * timers. Each one's row goes into the table as soon as it is measured.
 */
final class MarketplacePhases {
    private final BenchSettings settings;
    private final Table table;
    private final Meter meter;
    private final BenchDatabase database;
    private final Marketplace market;
    private final Api api;

    MarketplacePhases(BenchSettings settings, Table table, Meter meter, BenchDatabase database, Marketplace market) {
        this.settings = settings;
        this.table = table;
        this.meter = meter;
        this.database = database;
        this.market = market;
        this.api = new Api(market.jwtKey());
    }

    void run(Measurement rawOrders, Measurement rawTickets, Measurement rawBcrypt) throws Exception {
        try (Backlog backlog = new Backlog(database, market.namespace())) {
            run(backlog, rawOrders, rawTickets, rawBcrypt);
        }
    }

    private void run(Backlog backlog, Measurement rawOrders, Measurement rawTickets, Measurement rawBcrypt)
            throws Exception {
        Duration warmUp = settings.warmUp();
        Duration measured = settings.measured();
        BenchMain.step("seeding " + settings.ticketsStored() + " stored tickets");
        StoredTickets stored = StoredTickets.seed(database, settings.ticketsStored(), settings.timers(),
                settings.jitRounds() * JitWarmUp.TIMERS_PER_ROUND);

        TicketCreation creation = new TicketCreation(backlog, api);
        OrderPlacement orders = new OrderPlacement(database, backlog, api, market.service("orders"),
                stored.forOrders());
        if (settings.jitRounds() > 0) {
            BenchMain.step("JIT warm-up: tickets, orders, pages and timers together until the compilers are done");
            long warmUpStart = System.nanoTime();
            int rounds = JitWarmUp.run(meter.cpu(), market, creation, orders, stored.forWarmUpTimers(),
                    database, backlog, settings.jitRounds());
            table.check("JIT warm-up before the first phase", String.format(Locale.ROOT, "%d round(s), %.0f s", rounds,
                    (System.nanoTime() - warmUpStart) / 1e9), Target.NONE);
        }

        if (settings.runs("tickets")) {
            BenchMain.step("ticket creation");
            int ticketConnections = settings.ticketConnections();
            Measurement tickets = meter.measure("ticket creation, gateway, " + ticketConnections + " conns", "tickets/s",
                    () -> creation.list(market.gateway(), ticketConnections, warmUp, measured));
            table.add(tickets, rawTickets, new Target(">= 60% of raw", tickets.ratioTo(rawTickets) >= 0.6));
        }

        if (settings.runs("orders")) {
            BenchMain.step("order placement");
            int orderConnections = settings.orderConnections();
            Measurement viaGateway = meter.measure("order placement, gateway, " + orderConnections + " conns", "orders/s",
                    () -> orders.place(market.gateway(), orderConnections, warmUp, measured));
            Measurement direct = meter.measure("order placement, orders direct, " + orderConnections + " conns",
                    "orders/s", () -> orders.place(market.service("orders"), orderConnections, warmUp, measured));
            long oversold = orders.oversold();
            for (Measurement placement : new Measurement[] {viaGateway, direct}) {
                table.add(placement, rawOrders, new Target(">= 60% of raw, p99 < 100 ms, 0 oversold",
                        placement.ratioTo(rawOrders) >= 0.6 && placement.latencies().p99() < 100 && oversold == 0));
            }
            table.check("oversold tickets (more than one live order)", Long.toString(oversold),
                    new Target("0", oversold == 0));
            if (orders.ranOut()) {
                System.out.println("    the stored tickets ran out: raise BENCH_TICKETS_STORED");
            }
        }

        if (settings.runs("pages")) {
            BenchMain.step("first page of tickets");
            int listClients = Math.min(4, settings.listConnections()); // PostgreSQL's connections are shared with others
            Measurement rawPage = meter.measure("raw first-page query, JDBC, " + listClients + " clients", "pages/s",
                    () -> TicketListPage.raw(database, listClients, warmUp, measured));
            table.add(rawPage, Target.NONE);
            long storedNow = database.count("SELECT count(*) FROM tickets.tickets");
            Measurement page = meter.measure(String.format(Locale.ROOT, "first page of tickets, gateway, %d conns, %,d stored",
                            settings.listConnections(), storedNow), "pages/s",
                    () -> TicketListPage.http(market.gateway(), settings.listConnections(), warmUp, measured));
            table.add(page, rawPage, new Target("p99 < 20 ms at 100,000 stored",
                    page.latencies().p99() < 20 && storedNow >= 100_000));
        }

        if (settings.runs("hop")) {
            BenchMain.step("the front end's hop");
            int hopConnections = settings.ticketConnections();
            Measurement toAuth = meter.measure("current user, auth direct, " + hopConnections + " conns", "requests/s",
                    () -> FrontEndHop.currentUser(market.service("auth"), hopConnections, warmUp, measured));
            table.add(toAuth, Target.NONE);
            Measurement throughFrontEnd = meter.measure("current user, gateway, " + hopConnections + " conns",
                    "requests/s", () -> FrontEndHop.currentUser(market.gateway(), hopConnections, warmUp, measured));
            table.add(throughFrontEnd, toAuth, Target.NONE);
        }

        if (settings.runs("signin")) {
            BenchMain.step("sign-in");
            SignIn accounts = SignIn.signUp(market.gateway(), settings.signInConnections());
            Measurement signIn = meter.measure("sign-in, gateway, " + settings.signInConnections() + " conns", "sign-ins/s",
                    () -> accounts.signIn(settings.signInConnections(), warmUp, measured));
            table.add(signIn, rawBcrypt, Target.NONE);
        }

        if (settings.runs("replica")) {
            BenchMain.step("replica propagation");
            int rate = settings.editsPerSecond();
            var listed = database.strings("SELECT id::text FROM tickets.tickets WHERE user_id = '" + creation.sellerId()
                    + "' AND order_id IS NULL LIMIT 5000");
            Measurement replica = meter.measure("ticket edit to orders' replica, " + rate + " edits/s", "edits/s",
                    () -> ReplicaPropagation.measure(database, market.gateway(), creation.sellerToken(), listed, rate,
                            warmUp, measured));
            table.add(replica, new Target("p99 < 50 ms at 200 edits/s", replica.latencies().p99() < 50
                    && rate >= 200 && replica.throughput() >= 0.95 * rate));
        }

        if (settings.runs("expiry")) {
            BenchMain.step("expiry timers");
            TimerLateness timers = new TimerLateness();
            Measurement lateness = meter.measure(String.format(Locale.ROOT, "expiry lateness, %,d timers due in %d s",
                            stored.forTimers().size(), settings.timerSpread().toSeconds()), "timers/s",
                    () -> timers.measure(database, market.namespace(), stored.forTimers(), settings.timerSpread()));
            table.add(lateness, new Target("p99 < 1 s, 10,000 due in 15 s", lateness.latencies().p99() < 1_000
                    && timers.timers() >= 10_000 && settings.timerSpread().toSeconds() <= 15));
            table.check("expiry timers fired twice / not within " + TimerLateness.GRACE.toSeconds() + " s",
                    timers.twice() + " / " + timers.missing(),
                    new Target("0 / 0", timers.twice() == 0 && timers.missing() == 0));
            System.out.printf("    lateness max %.0f ms%n", lateness.latencies().max());
        }

        table.check("the marketplace's CPU spent by its JIT compilers, load phases",
                meter.jitShare() < 0 ? "-" : String.format(Locale.ROOT, "%.1f %%", 100 * meter.jitShare()), Target.NONE);
    }
}
