package dev.ticketing.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The training run of the AOT cache, in this JVM against the machine's PostgreSQL and NATS: whatever happens,
 * it leaves no scratch database and no stream behind. (Its success, and the cache it writes, are
 * {@link TrainAotScriptTest}'s.)
 */
class AotTrainingTest {
    @TempDir
    Path data;

    @Test
    void a_training_run_that_fails_says_why_and_removes_its_world() throws Exception {
        List<String> before = AotTrainingWorlds.leftOver();
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.put("PAYMENT_PROVIDER", "bogus");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int exit = AotTraining.run(environment, data, new PrintStream(out, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(AotTraining.FAILED);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("The training run failed")
                .contains("PAYMENT_PROVIDER must be sandbox or stripe");
        assertThat(AotTrainingWorlds.leftOver()).isEqualTo(before);
    }
}
