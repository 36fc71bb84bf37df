package dev.ticketing.benchmarks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The results as Markdown tables: one row per measurement beside its raw limit and its target, then the
 * checks that are one figure each (start-up, memory, oversold tickets, timers fired twice).
 */
final class Table {
    private static final List<String> HEADER = List.of("what", "raw limit", "throughput", "p50 ms", "p99 ms", "ratio",
            "CPU ms/op: market / pg / nats / bench", "other load", "RSS MiB", "target", "met");

    private final List<List<String>> rows = new ArrayList<>();
    private final List<List<String>> checks = new ArrayList<>();

    /** A target and whether this run met it. */
    record Target(String text, boolean met) {
        static final Target NONE = new Target("-", true);
    }

    /** A row; {@code limit} is the raw measurement it is compared with, or null. */
    void add(Measurement measured, Measurement limit, Target target) {
        rows.add(List.of(measured.what(),
                limit == null ? "-" : rate(limit),
                rate(measured),
                millis(measured.latencies().p50()),
                millis(measured.latencies().p99()),
                limit == null ? "-" : String.format(Locale.ROOT, "%.0f%%", 100 * measured.ratioTo(limit)),
                cpu(measured),
                measured.otherCores() < 0 ? "-" : String.format(Locale.ROOT, "%.2f cores", measured.otherCores()),
                measured.rssMib() < 0 ? "-" : String.format(Locale.ROOT, "%.0f", measured.rssMib()),
                target.text(),
                target == Target.NONE ? "" : target.met() ? "ok" : "MISSED"));
    }

    void add(Measurement measured, Target target) {
        add(measured, null, target);
    }

    /** A check that is one figure. */
    void check(String what, String value, Target target) {
        checks.add(List.of(what, value, target.text(), target == Target.NONE ? "" : target.met() ? "ok" : "MISSED"));
    }

    void print(PrintStream out) {
        print(out, HEADER, rows);
        out.println();
        print(out, List.of("check", "value", "target", "met"), checks);
    }

    private static void print(PrintStream out, List<String> header, List<List<String>> body) {
        int[] widths = new int[header.size()];
        for (List<String> row : concat(header, body)) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        line(out, header, widths);
        List<String> rule = new ArrayList<>();
        for (int width : widths) {
            rule.add("-".repeat(width));
        }
        line(out, rule, widths);
        body.forEach(row -> line(out, row, widths));
    }

    private static List<List<String>> concat(List<String> header, List<List<String>> body) {
        List<List<String>> all = new ArrayList<>(body);
        all.add(header);
        return all;
    }

    private static void line(PrintStream out, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder("|");
        for (int i = 0; i < cells.size(); i++) {
            line.append(' ').append(String.format("%-" + widths[i] + "s", cells.get(i))).append(" |");
        }
        out.println(line);
    }

    private static String rate(Measurement measured) {
        double rate = measured.throughput();
        return String.format(Locale.ROOT, rate < 10 ? "%.1f %s" : "%,.0f %s", rate, measured.unit());
    }

    private static String millis(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, value < 10 ? "%.2f" : "%,.0f", value);
    }

    private static String cpu(Measurement measured) {
        ProcessCpu.Sample cpu = measured.cpu();
        List<String> parts = new ArrayList<>();
        for (double seconds : new double[] {cpu.market(), cpu.postgres(), cpu.nats(), cpu.bench()}) {
            parts.add(seconds < 0 || measured.operations() == 0 ? "-"
                    : String.format(Locale.ROOT, "%.3f", seconds * 1000 / measured.operations()));
        }
        return String.join(" / ", parts);
    }
}
