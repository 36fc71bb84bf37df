package dev.ticketing.launcher;

import dev.ticketing.auth.AuthMain;
import dev.ticketing.expiration.ExpirationMain;
import dev.ticketing.launcher.local.LocalSigningKey;
import dev.ticketing.orders.OrdersMain;
import dev.ticketing.payments.PaymentsMain;
import dev.ticketing.platform.config.ConfigException;
import dev.ticketing.platform.config.Env;
import dev.ticketing.platform.config.ServiceConfig;
import dev.ticketing.platform.http.InProcessHttp;
import dev.ticketing.platform.runtime.ServiceRuntime;
import dev.ticketing.tickets.TicketsMain;
import dev.ticketing.web.WebMain;
import dev.ticketing.web.WebSettings;
import io.javalin.Javalin;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.eclipse.jetty.io.Transport;

/**
 * Runs the marketplace on one machine. Without arguments: all five services (each with its own
 * schema, consumers and port: 3001..3005, or {@code AUTH_PORT} ... {@code PAYMENTS_PORT}) and the web
 * front end on {@code PORT} (default 8080), in one process, talking to each other only through NATS
 * and HTTP (the front end's gateway to the services in memory: {@code InProcessHttp}). With a service
 * name: that service alone, on {@code PORT}, as one more replica. With {@code dead-letters [replay
 * <seq>]}: the dead-letter stream. With {@code status}: {@code make status}. With {@code train-aot}: the
 * training run of the JDK AOT cache ({@link AotTraining}).
 */
public final class LauncherMain {
    private record Service(String name, int port, Function<ServiceRuntime, Javalin> start) {
    }

    private static final List<Service> SERVICES = List.of(
            new Service(AuthMain.SERVICE, AuthMain.DEFAULT_PORT, AuthMain::start),
            new Service(TicketsMain.SERVICE, TicketsMain.DEFAULT_PORT, TicketsMain::start),
            new Service(OrdersMain.SERVICE, OrdersMain.DEFAULT_PORT, OrdersMain::start),
            new Service(ExpirationMain.SERVICE, ExpirationMain.DEFAULT_PORT, ExpirationMain::start),
            new Service(PaymentsMain.SERVICE, PaymentsMain.DEFAULT_PORT, PaymentsMain::start));

    private LauncherMain() {
    }

    public static void main(String[] args) throws Exception {
        try {
            if (args.length > 0 && args[0].equals("dead-letters")) {
                System.exit(DeadLetterCommand.run(args, System.getenv(), System.out, System.err));
            }
            if (args.length > 0 && args[0].equals("status")) {
                System.exit(StatusCommand.run(System.getenv(), System.out));
            }
            if (args.length > 0 && args[0].equals("train-aot")) {
                System.exit(AotTraining.run(System.getenv(), Path.of(".data"), System.out));
            }
            Path data = Path.of(".data");
            Infrastructure infrastructure = Infrastructure.start(localEnvironment(data), data);
            // One hook, so the order holds: the services stop first (requests drained, handlers
            // finished, outbox flushed), and only then the infrastructure they use.
            List<AutoCloseable> services = Collections.synchronizedList(new ArrayList<>());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                List<AutoCloseable> started;
                synchronized (services) { // the services start side by side: a Ctrl-C may come meanwhile
                    started = new ArrayList<>(services);
                }
                started.reversed().forEach(LauncherMain::closeQuietly);
                infrastructure.close();
            }, "shutdown"));
            if (args.length == 0) {
                runAll(infrastructure, services);
            } else {
                runOne(args[0], infrastructure, services);
            }
        } catch (ConfigException | Infrastructure.InfrastructureMissing e) {
            System.err.println("Cannot start: " + e.getMessage());
            System.exit(2);
        } catch (RuntimeException e) {
            // A service that could not start (its port taken, its database refusing): the others, already
            // running, would keep the JVM up with nothing said but a stack trace. The hook stops them.
            System.err.println("Cannot start: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            System.exit(1);
        }
    }

    /**
     * The environment of a local run: plain HTTP, so the session cookie cannot be {@code Secure}; and,
     * unless {@code JWT_KEY} is set, a random signing key kept under {@code data}.
     */
    private static Map<String, String> localEnvironment(Path data) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.putIfAbsent("COOKIE_SECURE", "false");
        if (env.getOrDefault("JWT_KEY", "").isBlank()) {
            env.put("JWT_KEY", LocalSigningKey.loadOrCreate(data));
        }
        return env;
    }

    static void closeQuietly(AutoCloseable service) {
        try {
            service.close();
        } catch (Exception e) {
            System.err.println("Stopping " + service + " failed: " + e);
        }
    }

    /**
     * {@code environment} with the NATS user of {@code service} added when the launcher's NATS has
     * users and the environment names none of its own.
     */
    private static Env environmentOf(String service, Map<String, String> environment, Infrastructure infrastructure) {
        return new Env(infrastructure.natsUsers().map(users -> users.environmentOf(service, environment))
                .orElse(environment));
    }

    private static void runOne(String name, Infrastructure infrastructure, List<AutoCloseable> services) {
        Env env = new Env(infrastructure.environment());
        if (name.equals("web")) {
            Javalin web = WebMain.start(WebSettings.from(env, ServiceConfig.from(env, "web", WebMain.DEFAULT_PORT).jwtKey()));
            services.add(web::stop);
            return;
        }
        Service service = SERVICES.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new ConfigException("SERVICE must be one of auth, tickets, orders, expiration,"
                        + " payments, web; got '" + name + "'"));
        ServiceConfig config = ServiceConfig.from(environmentOf(service.name(), infrastructure.environment(),
                infrastructure), service.name(), service.port());
        ServiceRuntime runtime = ServiceRuntime.open(config);
        services.add(runtime);
        service.start().apply(runtime);
    }

    static void runAll(Infrastructure infrastructure, List<AutoCloseable> services)
            throws InterruptedException {
        Map<String, String> shared = new HashMap<>(infrastructure.environment());
        String webPort = shared.getOrDefault("PORT", Integer.toString(WebMain.DEFAULT_PORT));
        shared.remove("PORT");
        shared.remove("DB_SCHEMA");
        String host = ServiceConfig.from(new Env(shared), "web", WebMain.DEFAULT_PORT).natsClientId();
        Map<String, String> webEnv = new HashMap<>(shared);
        List<ServiceConfig> configs = new ArrayList<>();
        for (Service service : SERVICES) {
            // Five connections from one process: name each after its service so the server tells them apart.
            Map<String, String> env = new HashMap<>(shared);
            env.putIfAbsent("NATS_CLIENT_ID", host + "-" + service.name());
            // <SERVICE>_PORT moves a service off its fixed port, so that two of these can run side by side.
            int port = new Env(shared).port(service.name().toUpperCase() + "_PORT", service.port());
            env.put("PORT", Integer.toString(port));
            webEnv.putIfAbsent(service.name().toUpperCase() + "_URL", "http://localhost:" + port);
            configs.add(ServiceConfig.from(environmentOf(service.name(), env, infrastructure), service.name(),
                    service.port()));
        }
        List<Javalin> apps = startSideBySide(configs, services);
        // The front end reaches the services of this process in memory, not through the kernel's loopback.
        Map<String, Transport> inProcess = new HashMap<>();
        apps.forEach(service -> inProcess.put("http://localhost:" + service.port(), InProcessHttp.open(service)));
        webEnv.put("PORT", webPort);
        Javalin app = WebMain.start(WebSettings.from(new Env(webEnv), configs.getFirst().jwtKey()), inProcess);
        services.add(app::stop); // stopped first: the front end stops taking requests before the services
        System.out.printf("%nTicketing is running on http://localhost:%d%n", app.port());
        infrastructure.description().forEach(line -> System.out.println("  " + line));
        System.out.println("Press Ctrl-C to stop.");
    }

    /**
     * Starts the five services at once, one thread each: most of a start is waiting for PostgreSQL
     * (migrations, pools) and NATS (streams, consumers), and these waits overlap. Each runtime is added
     * to {@code services} (a synchronized list) as soon as it is open, so that a stop meanwhile closes
     * it; the first failure is thrown once every start has ended.
     *
     * @return the services' apps, in the order of {@code configs}
     */
    private static List<Javalin> startSideBySide(List<ServiceConfig> configs, List<AutoCloseable> services)
            throws InterruptedException {
        ExecutorService starts = Executors.newFixedThreadPool(configs.size(), Thread.ofPlatform().name("start-", 1)
                .factory());
        try {
            List<Future<Javalin>> started = new ArrayList<>();
            for (int i = 0; i < configs.size(); i++) {
                Service service = SERVICES.get(i);
                ServiceConfig config = configs.get(i);
                started.add(starts.submit(() -> {
                    ServiceRuntime runtime = ServiceRuntime.open(config);
                    services.add(runtime);
                    return service.start().apply(runtime);
                }));
            }
            RuntimeException failure = null;
            List<Javalin> apps = new ArrayList<>();
            for (Future<Javalin> start : started) {
                try {
                    apps.add(start.get());
                } catch (ExecutionException e) {
                    if (failure == null) {
                        failure = e.getCause() instanceof RuntimeException r ? r
                                : new IllegalStateException(e.getCause());
                    }
                }
            }
            if (failure != null) {
                throw failure;
            }
            return apps;
        } finally {
            starts.shutdownNow();
        }
    }
}
