package dev.ticketing.platform.bus;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BusConnectionTest {

    @Test
    void takes_one_server_or_a_comma_separated_list_of_a_clusters_servers() {
        assertThat(BusConnection.servers("nats://127.0.0.1:4222")).containsExactly("nats://127.0.0.1:4222");
        assertThat(BusConnection.servers("nats://a:4222, nats://b:4222,,nats://c:4222 "))
                .containsExactly("nats://a:4222", "nats://b:4222", "nats://c:4222");
    }

    @Test
    void asks_for_as_many_copies_of_each_stream_as_configured() {
        BusNamespace namespace = new BusNamespace("x");
        assertThat(Streams.events(namespace, 3).getReplicas()).isEqualTo(3);
        assertThat(Streams.deadLetters(namespace, 3).getReplicas()).isEqualTo(3);
        assertThat(Streams.events(namespace).getReplicas()).isEqualTo(1);
    }
}
