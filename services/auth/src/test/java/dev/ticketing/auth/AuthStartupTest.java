package dev.ticketing.auth;

import dev.ticketing.testkit.TestServices;
import org.junit.jupiter.api.Test;

class AuthStartupTest {
    @Test
    void starts_on_its_own_schema_and_reports_ready() {
        TestServices.assertStartsAndReportsReady(AuthMain.SERVICE, AuthMain::start);
    }
}
