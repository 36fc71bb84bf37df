package dev.ticketing.benchmarks;

import dev.ticketing.contract.EventCodec;
import dev.ticketing.contract.ExpirationComplete;
import dev.ticketing.platform.bus.BusConnection;
import dev.ticketing.platform.bus.BusNamespace;
import dev.ticketing.platform.bus.Streams;
import dev.ticketing.platform.config.Env;
import dev.ticketing.testkit.TestBuses;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;

/**
 * {@code make bench}: the all-in-one marketplace ({@link Marketplace}) under load over HTTP, beside the raw
 * limits of what it stands on, measured in the same run on the same machine: raw NATS publishing and
 * consuming, the database transactions of one order and of one new ticket as plain JDBC, the ticket
 * list's query, bcrypt. One Markdown table: throughput, p50/p99, the ratio to the raw limit, CPU time per
 * operation of each process, the marketplace's peak memory, and each target met or missed. Bounded in
 * time ({@link BenchSettings}); it drops its database and stops its marketplace however it ends.
 */
public final class BenchMain {
    /**
     * The server's settings that move the figures from one machine to another: with autovacuum off (as on
     * some machines here) the dead rows of every outbox and inbox stay for the whole run.
     */
    private static final String SERVER_SETTINGS = """
            SELECT name || ' ' || current_setting(name) FROM pg_settings
            WHERE name IN ('server_version', 'autovacuum', 'synchronous_commit', 'shared_buffers', 'max_wal_size',
                           'checkpoint_timeout', 'max_connections')
            ORDER BY name = 'server_version' DESC, name""";

    private final BenchSettings settings;
    private final Table table;
    private final Teardown teardown;

    private BenchMain(BenchSettings settings, Table table, Teardown teardown) {
        this.settings = settings;
        this.table = table;
        this.teardown = teardown;
    }

    public static void main(String[] args) {
        long start = System.nanoTime();
        BenchSettings settings = BenchSettings.from(Env.system());
        System.out.println("Ticketing benchmark on " + Machine.describe());
        System.out.printf("Load phases: %d s warm-up, then %d s measured. The marketplace's JVM options: %s."
                        + " Everything on 127.0.0.1.%n", settings.warmUp().toSeconds(), settings.measured().toSeconds(),
                Marketplace.jvmOptions().isEmpty() ? "none (RUN_JVM_OPTS is not set)" : Marketplace.jvmOptions());
        Table table = new Table();
        Teardown teardown = new Teardown();
        Runtime.getRuntime().addShutdownHook(new Thread(teardown, "bench-teardown"));
        int status = 0;
        try {
            new BenchMain(settings, table, teardown).run();
        } catch (Exception e) {
            System.err.println("The run stopped early; the table holds what was measured before:");
            e.printStackTrace();
            status = 1;
        } finally {
            teardown.run();
        }
        System.out.println();
        table.print(System.out);
        System.out.printf("%nCPU ms/op: CPU time per operation of the marketplace (one JVM), PostgreSQL (the server's"
                + " postmaster and all its backends, other clients' too), nats-server and this load generator;"
                + " '-' where a process was not running. Other load: cores kept busy by anything else on the"
                + " machine during the phase, on average (of %d).%nThe run took %.0f s.%n",
                Runtime.getRuntime().availableProcessors(), (System.nanoTime() - start) / 1e9);
        System.exit(status);
    }

    private void run() throws Exception {
        BenchDatabase database = teardown.add(BenchDatabase.create(Env.system()));
        System.out.println("PostgreSQL " + String.join(", ", database.strings(SERVER_SETTINGS)));
        ProcessCpu cpu = ProcessCpu.locate(database.port(), URI.create(TestBuses.natsUrl()).getPort());
        Meter meter = new Meter(cpu);

        rawNats(meter);
        step("raw transaction chains and bcrypt");
        RawChains raw = RawChains.prepare(database);
        int clients = settings.rawClients();
        Measurement rawOrders = meter.measure("raw order chain, JDBC, " + clients + " clients", "chains/s",
                () -> Meter.Done.of(raw.orders(clients, settings.warmUp(), settings.measured())));
        table.add(rawOrders, Table.Target.NONE);
        Measurement rawTickets = meter.measure("raw ticket chain, JDBC, " + clients + " clients", "chains/s",
                () -> Meter.Done.of(raw.tickets(clients, settings.warmUp(), settings.measured())));
        table.add(rawTickets, Table.Target.NONE);
        Measurement rawBcrypt = null; // sign-in's raw limit
        if (settings.runs("signin")) {
            rawBcrypt = meter.measure("raw bcrypt verification, cost " + RawBcrypt.AUTH_DEFAULTS.bcryptCost()
                            + ", " + RawBcrypt.AUTH_DEFAULTS.hashThreads() + " thread(s)", "hashes/s",
                    () -> Meter.Done.of(RawBcrypt.verify(Duration.ofSeconds(1), shorter(settings.measured(), 5))));
            table.add(rawBcrypt, Table.Target.NONE);
        }

        AotCache aot = AotCache.of(Path.of("").toAbsolutePath());
        if (AotCache.supported()) {
            trainAsMakeRunDoes(aot);
        }
        step("starting the marketplace");
        Marketplace market = teardown.add(Marketplace.start(database, aot.use()));
        Duration startUp = market.awaitStarted(Duration.ofSeconds(120));
        market.awaitReady(Duration.ofSeconds(60));
        table.check("start-up after the build: process start to /api/users/currentuser 200"
                        + (aot.use().isEmpty() ? ", no AOT cache" : ", from the AOT cache"),
                seconds(startUp), new Table.Target("< 5 s", startUp.compareTo(Duration.ofSeconds(5)) < 0));
        cpu.watchMarket(market.pid());
        ResidentMemory memory = teardown.add(new ResidentMemory(market.pid()));
        meter.watch(memory);
        new MarketplacePhases(settings, table, meter, database, market).run(rawOrders, rawTickets, rawBcrypt);

        double peak = memory.highWaterMib();
        table.check("all-in-one peak RSS (VmHWM), whole run", String.format(Locale.ROOT, "%.0f MiB", peak),
                new Table.Target("< 512 MiB", peak < 512));
    }

    /**
     * What {@code make run} does after a build on JDK 25+ before it starts: a training run of the marketplace
     * that writes the AOT cache the measured start then uses.
     */
    private void trainAsMakeRunDoes(AotCache aot) throws Exception {
        step("training the JDK's AOT cache, as make run does after a build");
        Duration training = aot.train();
        table.check("AOT cache training, once after each build (make run)", seconds(training), Table.Target.NONE);
    }

    private void rawNats(Meter meter) throws Exception {
        step("raw NATS");
        BusNamespace namespace = TestBuses.freshNamespace();
        BusConnection bus = TestBuses.connect(namespace, "bench-raw");
        try {
            var nats = bus.await();
            Streams.ensure(nats.jetStreamManagement(), namespace);
            byte[] payload = EventCodec.encode(new ExpirationComplete(UUID.randomUUID().toString()));
            int count = settings.rawMessages();
            table.add(meter.measure("raw NATS publish, " + payload.length + " B, acked", "msg/s", () ->
                    new Meter.Done(count, RawNats.publish(nats, namespace, payload, count), Latencies.NONE)),
                    Table.Target.NONE);
            table.add(meter.measure("raw NATS pull consume + ack", "msg/s", () ->
                    new Meter.Done(count, RawNats.consume(nats, namespace, count), Latencies.NONE)), Table.Target.NONE);
        } finally {
            bus.close();
            TestBuses.deleteStreams(namespace);
        }
    }

    static void step(String what) {
        System.out.printf("%tT %s%n", System.currentTimeMillis(), what);
    }

    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1e3);
    }

    private static Duration shorter(Duration duration, int maxSeconds) {
        return duration.compareTo(Duration.ofSeconds(maxSeconds)) > 0 ? Duration.ofSeconds(maxSeconds) : duration;
    }
}
