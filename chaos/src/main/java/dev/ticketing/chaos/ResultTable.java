package dev.ticketing.chaos;

import dev.ticketing.chaos.check.Invariants;
import dev.ticketing.chaos.check.Verdict;
import java.io.PrintStream;
import java.util.List;

/** The report: scenario x invariant, then one line per failure with its reason and example ids. */
final class ResultTable {
    private ResultTable() {
    }

    static void print(List<ScenarioResult> results, PrintStream out) {
        int nameWidth = Math.max(8, results.stream().mapToInt(r -> r.scenario().length()).max().orElse(8));
        StringBuilder header = new StringBuilder(String.format("%-" + nameWidth + "s", "scenario"));
        for (String invariant : Invariants.NAMES) {
            header.append(" | ").append(invariant);
        }
        header.append(" | time");
        out.println();
        out.println(header);
        out.println("-".repeat(header.length()));
        for (ScenarioResult result : results) {
            StringBuilder row = new StringBuilder(String.format("%-" + nameWidth + "s", result.scenario()));
            for (int i = 0; i < Invariants.NAMES.size(); i++) {
                String cell = i < result.verdicts().size() ? symbol(result.verdicts().get(i)) : "skip";
                row.append(" | ").append(center(cell, Invariants.NAMES.get(i).length()));
            }
            row.append(" | ").append(ScenarioRunner.seconds(result.took()));
            out.println(row);
        }
        out.println();
        for (ScenarioResult result : results) {
            for (String note : result.notes()) {
                out.println("  " + result.scenario() + ": " + note);
            }
            for (Verdict failure : result.failures()) {
                out.println("  FAIL " + result.scenario() + " / " + failure.invariant() + ": " + failure.reason());
            }
        }
        long failed = results.stream().filter(ScenarioResult::failed).count();
        out.println();
        out.println(failed == 0 ? "chaos: every invariant held in " + results.size() + " scenario(s)"
                : "chaos: " + failed + " of " + results.size() + " scenario(s) broke an invariant");
    }

    private static String symbol(Verdict verdict) {
        return switch (verdict.status()) {
            case PASS -> "ok";
            case FAIL -> "FAIL";
            case NOT_APPLICABLE -> "-";
        };
    }

    private static String center(String text, int width) {
        int left = Math.max(0, (width - text.length()) / 2);
        return " ".repeat(left) + text + " ".repeat(Math.max(0, width - text.length() - left));
    }
}
