package dev.ticketing.launcher.local;

import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/** Connections of the tests of the bus's users: as one user, or none, with the server's errors collected. */
public final class NatsUserConnections {
    /** A {@code payment.created} body, for the tests that publish one as one user or another. */
    public static final byte[] PAYMENT = "{\"id\":\"p\",\"orderId\":\"o\",\"stripeId\":\"ch\"}"
            .getBytes(StandardCharsets.UTF_8);

    private NatsUserConnections() {
    }

    /**
     * To the server at {@code url} only (not the other nodes it tells of), as {@code user} with
     * {@code password}, or without credentials when {@code user} is null; the server's errors go to
     * {@code errors}.
     */
    public static Connection connect(String url, String user, String password, List<String> errors) throws Exception {
        Options.Builder options = Options.builder().server(url).maxReconnects(0).noReconnect().ignoreDiscoveredServers()
                .connectionTimeout(Duration.ofSeconds(3))
                .errorListener(new ErrorListener() {
                    @Override
                    public void errorOccurred(Connection conn, String error) {
                        errors.add(error);
                    }
                });
        if (user != null) {
            options.userInfo(user, password);
        }
        return Nats.connect(options.build());
    }
}
