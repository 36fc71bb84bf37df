package dev.ticketing.launcher;

import dev.ticketing.platform.bus.BusNamespace;
import dev.ticketing.platform.bus.DeadLetters;
import dev.ticketing.platform.config.ConfigException;
import dev.ticketing.platform.config.Env;
import io.nats.client.Connection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The operator's view of the dead-letter stream: {@code make dead-letters} lists what was set aside,
 * {@code make replay-dead-letter SEQ=<n>} publishes one event again on its subject.
 */
final class DeadLetterCommand {
    private DeadLetterCommand() {
    }

    static void run(String[] args) throws Exception {
        Env env = Env.system();
        BusNamespace namespace = new BusNamespace(env.string("NATS_SUBJECT_PREFIX", ""));
        try (Connection nats = OperatorConnection.open(System.getenv(), Path.of(".data"))) {
            if (args.length > 1 && args[1].equals("replay")) {
                long sequence = parseSequence(args.length > 2 ? args[2] : "");
                DeadLetters.replay(nats, namespace, sequence);
                System.out.println("Replayed dead letter " + sequence + " on its original subject.");
                return;
            }
            java.util.List<DeadLetters.DeadLetter> letters;
            try {
                letters = DeadLetters.list(nats, namespace, 1000);
            } catch (io.nats.client.JetStreamApiException e) {
                letters = java.util.List.of(); // no dead-letter stream yet: nothing was ever set aside
            }
            if (letters.isEmpty()) {
                System.out.println("No dead letters in " + namespace.deadLetterStream() + ".");
            }
            for (var letter : letters) {
                String data = new String(letter.data(), StandardCharsets.UTF_8);
                System.out.printf("#%d  %s  on %s  event %s  delivered %d times%n    reason: %s%n    data: %s%n",
                        letter.sequence(), letter.consumer(), letter.originalSubject(), letter.eventId(),
                        letter.deliveredCount(), letter.reason(), data.length() > 300 ? data.substring(0, 300) + "..." : data);
            }
        }
    }

    private static long parseSequence(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new ConfigException("SEQ must be the number of a dead letter (see make dead-letters), got '" + text + "'");
        }
    }
}
