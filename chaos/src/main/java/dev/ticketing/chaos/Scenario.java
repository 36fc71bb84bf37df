package dev.ticketing.chaos;

/**
 * One fault, injected while the workload runs; the suite then waits for quiet and checks every
 * invariant.
 *
 * @param name        what to ask for on the command line
 * @param description one line for the report
 * @param quick       part of the short selection that {@code make test} runs
 * @param fault       the fault itself; it returns once the fault is over (servers back)
 */
public record Scenario(String name, String description, boolean quick, Fault fault) {
    @FunctionalInterface
    public interface Fault {
        void inject(FaultContext context) throws Exception;
    }
}
