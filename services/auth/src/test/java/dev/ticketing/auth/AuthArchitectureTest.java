package dev.ticketing.auth;

import dev.ticketing.testkit.ServiceArchitecture;
import org.junit.jupiter.api.Test;

class AuthArchitectureTest {
    @Test
    void keeps_its_domain_free_of_frameworks_and_does_not_reach_into_other_services() {
        ServiceArchitecture.check(AuthMain.SERVICE);
    }
}
