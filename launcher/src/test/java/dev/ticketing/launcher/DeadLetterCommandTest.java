package dev.ticketing.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.platform.bus.BusNamespace;
import dev.ticketing.platform.bus.Streams;
import dev.ticketing.platform.config.ConfigException;
import dev.ticketing.testkit.TestBuses;
import io.nats.client.Connection;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code make dead-letters} and {@code make replay-dead-letter} against the real nats-server, in a namespace of their own. */
class DeadLetterCommandTest {
    private final BusNamespace namespace = TestBuses.freshNamespace();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @AfterEach
    void deleteStreams() {
        TestBuses.deleteStreams(namespace);
    }

    @Test
    void replaying_a_dead_letter_that_is_not_there_says_so_in_one_line_and_fails() throws Exception {
        assertThat(run("dead-letters", "replay", "42")).as("before any dead-letter stream exists").isEqualTo(1);
        try (Connection nats = TestBuses.rawConnection()) {
            Streams.ensure(nats.jetStreamManagement(), namespace);
        }
        assertThat(run("dead-letters", "replay", "42")).as("with the stream, without that message").isEqualTo(1);

        assertThat(err.toString(StandardCharsets.UTF_8).lines())
                .hasSize(2)
                .allSatisfy(line -> assertThat(line)
                        .startsWith("No dead letter 42 in " + namespace.deadLetterStream())
                        .endsWith("`make dead-letters` lists them."));
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void lists_none_when_nothing_was_set_aside() throws Exception {
        assertThat(run("dead-letters")).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("No dead letters in " + namespace.deadLetterStream());
    }

    @Test
    void refuses_arguments_it_does_not_take_with_its_usage_and_a_sequence_that_is_not_one() throws Exception {
        assertThat(run("dead-letters", "bogus")).isEqualTo(2);
        assertThat(run("dead-letters", "replay", "3", "extra")).isEqualTo(2);
        assertThat(run("dead-letters", "replay")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).lines()).hasSize(3)
                .allSatisfy(line -> assertThat(line).startsWith("usage: make dead-letters"));
        for (String sequence : new String[] {"0", "-1", "x"}) {
            assertThatThrownBy(() -> run("dead-letters", "replay", sequence)).as(sequence)
                    .isInstanceOf(ConfigException.class).hasMessageContaining("SEQ must be the number of a dead letter");
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void says_in_one_line_that_nats_cannot_be_reached() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        int status = DeadLetterCommand.run(new String[] {"dead-letters"}, Map.of("NATS_URL", "nats://127.0.0.1:" + closed),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8).lines()).singleElement().asString()
                .startsWith("NATS cannot be reached").endsWith("the dead letters cannot be read.");
    }

    private int run(String... args) throws Exception {
        Map<String, String> env = Map.of("NATS_URL", TestBuses.natsUrl(), "NATS_SUBJECT_PREFIX", namespace.prefix());
        return DeadLetterCommand.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}
