package dev.ticketing.orders;

import dev.ticketing.testkit.TestServices;
import org.junit.jupiter.api.Test;

class OrdersStartupTest {
    @Test
    void starts_on_its_own_schema_and_reports_ready() {
        TestServices.assertStartsAndReportsReady(OrdersMain.SERVICE, OrdersMain::start);
    }
}
