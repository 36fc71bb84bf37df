package dev.ticketing.platform.bus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.contract.Subject;
import dev.ticketing.testkit.TestBuses;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StreamsIntegrationTest {
    private final BusNamespace namespace = TestBuses.freshNamespace();

    @AfterEach
    void cleanUp() {
        TestBuses.deleteStreams(namespace);
    }

    @Test
    void creates_the_streams_once_and_brings_an_outdated_one_up_to_date() throws Exception {
        try (Connection nats = TestBuses.rawConnection()) {
            JetStreamManagement jsm = nats.jetStreamManagement();
            jsm.addStream(StreamConfiguration.builder().name(namespace.eventsStream())
                    .subjects(namespace.subject(Subject.TICKET_CREATED)).storageType(StorageType.File)
                    .duplicateWindow(Duration.ofSeconds(30)).build());

            Streams.ensure(jsm, namespace);
            Streams.ensure(jsm, namespace);

            StreamConfiguration events = jsm.getStreamInfo(namespace.eventsStream()).getConfiguration();
            assertThat(events.getSubjects()).containsExactlyElementsOf(Streams.events(namespace).getSubjects());
            assertThat(events.getDuplicateWindow()).isEqualTo(Streams.DUPLICATE_WINDOW);
            assertThat(events.getStorageType()).isEqualTo(StorageType.File);
            assertThat(events.getReplicas()).isEqualTo(1);
            assertThat(events.getMaxAge()).isEqualTo(EventRetention.EVENTS_KEPT);
            StreamConfiguration deadLetters = jsm.getStreamInfo(namespace.deadLetterStream()).getConfiguration();
            assertThat(deadLetters.getSubjects()).containsExactly(namespace.deadLetterSubjects());
            assertThat(deadLetters.getMaxAge()).as("dead letters wait for an operator").isZero();
        }
    }
}
