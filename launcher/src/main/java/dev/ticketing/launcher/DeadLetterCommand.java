package dev.ticketing.launcher;

import dev.ticketing.platform.bus.BusNamespace;
import dev.ticketing.platform.bus.DeadLetters;
import dev.ticketing.platform.config.ConfigException;
import dev.ticketing.platform.config.Env;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The operator's view of the dead-letter stream: {@code make dead-letters} lists what was set aside,
 * {@code make replay-dead-letter SEQ=<n>} publishes one event again on its subject.
 */
final class DeadLetterCommand {
    private DeadLetterCommand() {
    }

    /** Runs {@code args} ({@code dead-letters [replay <seq>]}); the exit status: 1 when there is no such dead letter. */
    static int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) throws Exception {
        boolean replay = args.length == 3 && args[1].equals("replay");
        if (args.length > 1 && !replay) {
            err.println("usage: make dead-letters, or make replay-dead-letter SEQ=<n> (the launcher's arguments:"
                    + " dead-letters [replay <n>]); got: " + String.join(" ", args));
            return 2;
        }
        long sequence = replay ? parseSequence(args[2]) : 0;
        BusNamespace namespace = new BusNamespace(new Env(environment).string("NATS_SUBJECT_PREFIX", ""));
        Connection connection;
        try {
            connection = OperatorConnection.open(environment, Path.of(".data"));
        } catch (IOException e) {
            err.println("NATS cannot be reached (" + e.getMessage() + "); the dead letters cannot be read.");
            return 1;
        }
        try (Connection nats = connection) {
            if (replay) {
                try {
                    DeadLetters.replay(nats, namespace, sequence);
                } catch (JetStreamApiException e) { // no such message, or no dead-letter stream at all
                    err.println("No dead letter " + sequence + " in " + namespace.deadLetterStream() + " ("
                            + e.getErrorDescription() + "); `make dead-letters` lists them.");
                    return 1;
                }
                out.println("Replayed dead letter " + sequence + " on its original subject.");
                return 0;
            }
            List<DeadLetters.DeadLetter> letters;
            try {
                letters = DeadLetters.list(nats, namespace, 1000);
            } catch (JetStreamApiException e) {
                letters = List.of(); // no dead-letter stream yet: nothing was ever set aside
            }
            if (letters.isEmpty()) {
                out.println("No dead letters in " + namespace.deadLetterStream() + ".");
            }
            for (var letter : letters) {
                String data = new String(letter.data(), StandardCharsets.UTF_8);
                out.printf("#%d  %s  on %s  event %s  delivered %d times%n    reason: %s%n    data: %s%n",
                        letter.sequence(), letter.consumer(), letter.originalSubject(), letter.eventId(),
                        letter.deliveredCount(), letter.reason(), data.length() > 300 ? data.substring(0, 300) + "..." : data);
            }
            return 0;
        }
    }

    private static long parseSequence(String text) {
        long sequence;
        try {
            sequence = Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            sequence = 0;
        }
        if (sequence < 1) {
            throw new ConfigException("SEQ must be the number of a dead letter (see make dead-letters), got '" + text + "'");
        }
        return sequence;
    }
}
