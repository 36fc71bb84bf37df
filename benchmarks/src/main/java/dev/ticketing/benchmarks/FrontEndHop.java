package dev.ticketing.benchmarks;

import java.time.Duration;

/**
 * What the front end's hop costs a request: {@code GET /api/users/currentuser} without a session, which
 * auth answers without its database or the bus, sent straight to auth (the limit) and then through the
 * front end. The marketplace's CPU per request of the two rows differs by the front end's own work:
 * its server, its dispatch and its client to auth.
 */
final class FrontEndHop {
    private FrontEndHop() {
    }

    static Meter.Done currentUser(String baseUrl, int connections, Duration warmUp, Duration measured)
            throws Exception {
        LoadGenerator.Outcome outcome = LoadGenerator.closedLoop(connections, warmUp, measured,
                () -> Api.get(baseUrl + "/api/users/currentuser"), (response, answeredAt) -> {
                });
        System.out.printf("    answers %s%n", outcome.statuses());
        return Meter.Done.of(outcome);
    }
}
