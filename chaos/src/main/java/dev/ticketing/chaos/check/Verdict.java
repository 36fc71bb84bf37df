package dev.ticketing.chaos.check;

import java.util.List;

/**
 * The outcome of one invariant after one scenario.
 *
 * @param invariant the invariant's short name (a column of the report)
 * @param status    pass, fail, or not applicable to this scenario
 * @param reason    for a failure: what is wrong, with a few example ids
 */
public record Verdict(String invariant, Status status, String reason) {
    public enum Status { PASS, FAIL, NOT_APPLICABLE }

    public static Verdict pass(String invariant) {
        return new Verdict(invariant, Status.PASS, "");
    }

    public static Verdict notApplicable(String invariant) {
        return new Verdict(invariant, Status.NOT_APPLICABLE, "");
    }

    /** Passes when {@code problems} is empty; otherwise fails naming how many and the first few. */
    public static Verdict of(String invariant, List<String> problems) {
        if (problems.isEmpty()) {
            return pass(invariant);
        }
        String examples = String.join("; ", problems.subList(0, Math.min(3, problems.size())));
        return new Verdict(invariant, Status.FAIL, problems.size() + " violation(s), e.g. " + examples);
    }

    public static Verdict error(String invariant, Exception e) {
        return new Verdict(invariant, Status.FAIL, "could not be checked: " + e);
    }

    public boolean failed() {
        return status == Status.FAIL;
    }
}
