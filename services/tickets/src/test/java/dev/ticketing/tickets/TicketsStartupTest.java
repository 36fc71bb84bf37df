package dev.ticketing.tickets;

import dev.ticketing.testkit.TestServices;
import org.junit.jupiter.api.Test;

class TicketsStartupTest {
    @Test
    void starts_on_its_own_schema_and_reports_ready() {
        TestServices.assertStartsAndReportsReady(TicketsMain.SERVICE, TicketsMain::start);
    }
}
