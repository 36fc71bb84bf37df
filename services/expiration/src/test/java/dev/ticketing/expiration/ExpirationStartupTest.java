package dev.ticketing.expiration;

import dev.ticketing.testkit.TestServices;
import org.junit.jupiter.api.Test;

class ExpirationStartupTest {
    @Test
    void starts_on_its_own_schema_and_reports_ready() {
        TestServices.assertStartsAndReportsReady(ExpirationMain.SERVICE, ExpirationMain::start);
    }
}
