package dev.ticketing.tickets;

import dev.ticketing.testkit.ServiceArchitecture;
import org.junit.jupiter.api.Test;

class TicketsArchitectureTest {
    @Test
    void keeps_its_domain_free_of_frameworks_and_does_not_reach_into_other_services() {
        ServiceArchitecture.check(TicketsMain.SERVICE);
    }
}
