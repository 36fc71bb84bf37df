package dev.ticketing.launcher;

import dev.ticketing.testkit.TestBuses;
import io.nats.client.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;

/** What a training run of the AOT cache leaves on the machine's servers: its scratch databases and streams. */
final class AotTrainingWorlds {
    private AotTrainingWorlds() {
    }

    /** The scratch databases (ticketing_aot_*) and the streams of the training's subject prefixes (aot*). */
    static List<String> leftOver() throws Exception {
        List<String> found = new ArrayList<>();
        try (var connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
             var rows = connection.createStatement().executeQuery(
                     "SELECT datname FROM pg_database WHERE datname LIKE 'ticketing\\_aot\\_%'")) {
            while (rows.next()) {
                found.add("database " + rows.getString(1));
            }
        }
        try (Connection nats = TestBuses.rawConnection()) {
            nats.jetStreamManagement().getStreamNames().stream()
                    .filter(name -> name.startsWith("TICKETING_AOT"))
                    .forEach(name -> found.add("stream " + name));
        }
        return found;
    }
}
