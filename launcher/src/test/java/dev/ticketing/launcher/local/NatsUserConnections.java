package dev.ticketing.launcher.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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

    /**
     * The orders user's {@code payment.created} is refused (the server tells {@code errors} of the violation)
     * and the payments user's is stored, the only message of {@code stream}, which the operator reads.
     */
    public static void assertOnlyThePaymentsUserPublishesAPayment(Connection operator, Connection orders,
            Connection payments, List<String> errors, String stream) throws Exception {
        orders.publish("payment.created", PAYMENT);
        await().atMost(Duration.ofSeconds(5)).until(() -> errors.stream()
                .anyMatch(e -> e.contains("Permissions Violation for Publish to \"payment.created\"")));

        assertThat(payments.jetStream().publish("payment.created", PAYMENT).getSeqno()).isEqualTo(1);
        assertThat(operator.jetStreamManagement().getStreamInfo(stream).getStreamState().getMsgCount()).isEqualTo(1);
    }
}
