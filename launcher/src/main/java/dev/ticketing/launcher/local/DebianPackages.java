package dev.ticketing.launcher.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Installs a missing server from Debian's packages: only as root, once per run. */
final class DebianPackages {
    private static boolean updated;

    private DebianPackages() {
    }

    static synchronized void install(String... packages) throws IOException, InterruptedException {
        if (!Commands.runningAsRoot() || !Files.isExecutable(Path.of("/usr/bin/apt-get"))) {
            throw new IOException(String.join(" ", packages) + " is not installed, and only root can install it"
                    + " (apt-get install " + String.join(" ", packages) + ")");
        }
        System.out.println("Installing " + String.join(" ", packages) + " from Debian's packages...");
        if (packages[0].startsWith("postgresql")) {
            // Debian would create and start a cluster of its own on 5432; ours lives under .data/.
            Path config = Path.of("/etc/postgresql-common/createcluster.conf");
            if (!Files.exists(config)) {
                Files.createDirectories(config.getParent());
                Files.writeString(config, "create_main_cluster = false\n");
            }
        }
        if (!updated) {
            Commands.run(List.of("apt-get", "update", "-qq"), Path.of("/"), 300);
            updated = true;
        }
        List<String> command = new ArrayList<>(List.of("env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "install",
                "-y", "-qq"));
        command.addAll(List.of(packages));
        Commands.run(command, Path.of("/"), 600);
    }
}
