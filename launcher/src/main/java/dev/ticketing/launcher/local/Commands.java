package dev.ticketing.launcher.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a short external command (initdb, pg_ctl, apt-get) to completion. */
final class Commands {
    private Commands() {
    }

    static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** The executable named {@code name} in the first folder of the PATH that has one, else null. */
    static String onPath(String name) {
        for (String folder : System.getenv().getOrDefault("PATH", "/usr/bin:/usr/sbin:/bin").split(java.io.File.pathSeparator)) {
            java.io.File candidate = new java.io.File(folder, name);
            if (candidate.canExecute()) {
                return candidate.getPath();
            }
        }
        return null;
    }

    /** Runs a PostgreSQL tool; as the {@code postgres} user when we are root, since PostgreSQL refuses root. */
    static String runAsPostgres(List<String> command, Path workingDirectory, int timeoutSeconds)
            throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (runningAsRoot()) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        return run(full, workingDirectory, timeoutSeconds);
    }

    /** Runs {@code command} to completion within {@code timeoutSeconds}; throws with its output when it fails. */
    static String run(List<String> command, Path workingDirectory, int timeoutSeconds)
            throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(workingDirectory.toFile()).redirectErrorStream(true)
                .start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("timed out after " + timeoutSeconds + " s: " + String.join(" ", command));
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IOException("exit " + process.exitValue() + " from " + String.join(" ", command) + ":\n" + output);
        }
        return output;
    }
}
