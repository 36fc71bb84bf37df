package dev.ticketing.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The line that says where the figures were taken. */
final class Machine {
    private Machine() {
    }

    static String describe() {
        return String.format("%d cores (nproc %d), %s, %s MiB RAM, JDK %s (%s), %s",
                Runtime.getRuntime().availableProcessors(), nproc(), cpuModel(), memoryMib(),
                Runtime.version(), System.getProperty("java.vm.vendor"), System.getProperty("os.name"));
    }

    private static String cpuModel() {
        return procLine("/proc/cpuinfo", "model name").replaceFirst("^[^:]*:\\s*", "");
    }

    private static String memoryMib() {
        String total = procLine("/proc/meminfo", "MemTotal").replaceAll("\\D", "");
        return total.isEmpty() ? "?" : Long.toString(Long.parseLong(total) / 1024);
    }

    private static String procLine(String file, String prefix) {
        try {
            return Files.readAllLines(Path.of(file)).stream().filter(l -> l.startsWith(prefix)).findFirst().orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    private static long nproc() {
        try {
            Process nproc = new ProcessBuilder("nproc").redirectErrorStream(true).start();
            String out = new String(nproc.getInputStream().readAllBytes()).trim();
            nproc.waitFor();
            return Long.parseLong(out);
        } catch (IOException | NumberFormatException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
