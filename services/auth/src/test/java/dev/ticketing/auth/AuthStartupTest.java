package dev.ticketing.auth;

import dev.ticketing.common.testing.TestServices;
import org.junit.jupiter.api.Test;

class AuthStartupTest {
    @Test
    void starts_on_its_own_schema_and_reports_ready() {
        TestServices.assertStartsAndReportsReady(AuthMain.SERVICE, AuthMain::start);
    }
}
