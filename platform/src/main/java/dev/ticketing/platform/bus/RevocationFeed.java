package dev.ticketing.platform.bus;

import dev.ticketing.contract.EventCodec;
import dev.ticketing.contract.MalformedEvent;
import dev.ticketing.contract.SessionRevoked;
import dev.ticketing.contract.Subject;
import dev.ticketing.platform.http.RevokedSessions;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.PushSubscribeOptions;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds every replica's {@link RevokedSessions} from {@code session.revoked}. Unlike the durable
 * consumers, which share each event among a service's replicas, every replica reads every
 * revocation, through an ordered consumer of its own starting one session lifetime back (older
 * revocations are of tokens that have expired). It keeps trying to subscribe until it has, and
 * subscribes anew after every reconnection.
 */
public final class RevocationFeed implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RevocationFeed.class);
    /** How often it checks whether the connection reopened since it subscribed. */
    private static final Duration CHECK_INTERVAL = Duration.ofSeconds(2);

    private final BusConnection bus;
    private final RevokedSessions sessions;
    private final Duration lookBack;
    private final Clock clock;
    private volatile boolean subscribed;
    private volatile boolean closed;
    private Dispatcher dispatcher; // guarded by this
    private Thread starter;

    public RevocationFeed(BusConnection bus, RevokedSessions sessions, Duration lookBack, Clock clock) {
        this.bus = bus;
        this.sessions = sessions;
        this.lookBack = lookBack;
        this.clock = clock;
    }

    public RevocationFeed start() {
        starter = Thread.ofVirtual().name("revocation-feed").start(this::follow);
        return this;
    }

    public boolean isSubscribed() {
        return subscribed;
    }

    /**
     * Subscribes, and subscribes anew from one session lifetime back whenever the connection reopened: a
     * revocation sent while the connection was silent is otherwise never delivered (ADR 004). Applying a
     * revocation twice is harmless.
     */
    private void follow() {
        Duration pause = Duration.ofMillis(250);
        long subscribedOn = -1;
        while (!closed) {
            try {
                Connection connection = bus.await();
                long openings = bus.openings();
                if (openings != subscribedOn) {
                    closeDispatcher(connection);
                    subscribe(connection);
                    subscribedOn = openings;
                    subscribed = true;
                }
                pause = Duration.ofMillis(250);
                Thread.sleep(CHECK_INTERVAL);
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                if (closed) {
                    return;
                }
                log.warn("Cannot follow session revocations yet: {}", e.toString());
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException stop) {
                    return;
                }
                pause = pause.multipliedBy(2).compareTo(Duration.ofSeconds(5)) > 0 ? Duration.ofSeconds(5)
                        : pause.multipliedBy(2);
            }
        }
    }

    private void subscribe(Connection connection) throws Exception {
        Dispatcher next = connection.createDispatcher();
        PushSubscribeOptions options = PushSubscribeOptions.builder()
                .ordered(true)
                .configuration(ConsumerConfiguration.builder()
                        .deliverPolicy(DeliverPolicy.ByStartTime)
                        .startTime(clock.instant().minus(lookBack).atZone(ZoneOffset.UTC))
                        .build())
                .build();
        try {
            connection.jetStream().subscribe(bus.namespace().subject(Subject.SESSION_REVOKED), next, this::apply,
                    true, options);
        } catch (Exception e) {
            connection.closeDispatcher(next);
            throw e;
        }
        synchronized (this) {
            if (!closed) {
                dispatcher = next;
                return;
            }
        }
        connection.closeDispatcher(next); // closed while it subscribed
    }

    /** Unsubscribes the current subscription, if any; at most once for each. */
    private void closeDispatcher(Connection connection) {
        Dispatcher open;
        synchronized (this) {
            open = dispatcher;
            dispatcher = null;
        }
        if (open != null) {
            try {
                connection.closeDispatcher(open);
            } catch (RuntimeException e) { // the connection is closing
                log.debug("Closing the revocation feed's dispatcher: {}", e.toString());
            }
        }
    }

    private void apply(Message message) {
        try {
            SessionRevoked revoked = EventCodec.decode(Subject.SESSION_REVOKED, message.getData());
            sessions.revoke(revoked.sessionId(), revoked.expiresAt());
        } catch (MalformedEvent e) {
            log.warn("Ignoring a malformed session revocation: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        if (starter != null) {
            starter.interrupt();
        }
        bus.current().ifPresent(this::closeDispatcher);
    }
}
