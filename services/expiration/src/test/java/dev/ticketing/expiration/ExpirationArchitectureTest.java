package dev.ticketing.expiration;

import dev.ticketing.testkit.ServiceArchitecture;
import org.junit.jupiter.api.Test;

class ExpirationArchitectureTest {
    @Test
    void keeps_domain_and_use_cases_free_of_infrastructure_and_does_not_reach_into_other_services() {
        ServiceArchitecture.check(ExpirationMain.SERVICE);
    }
}
