package dev.ticketing.payments;

import dev.ticketing.testkit.ServiceArchitecture;
import org.junit.jupiter.api.Test;

class PaymentsArchitectureTest {
    @Test
    void keeps_its_domain_free_of_frameworks_and_does_not_reach_into_other_services() {
        ServiceArchitecture.check(PaymentsMain.SERVICE);
    }
}
