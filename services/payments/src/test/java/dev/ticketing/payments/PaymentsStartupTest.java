package dev.ticketing.payments;

import dev.ticketing.testkit.TestServices;
import org.junit.jupiter.api.Test;

class PaymentsStartupTest {
    @Test
    void starts_on_its_own_schema_and_reports_ready() {
        TestServices.assertStartsAndReportsReady(PaymentsMain.SERVICE, PaymentsMain::start);
    }
}
