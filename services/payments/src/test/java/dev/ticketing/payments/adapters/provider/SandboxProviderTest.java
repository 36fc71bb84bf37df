package dev.ticketing.payments.adapters.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.common.errors.InvalidInput;
import dev.ticketing.common.errors.PaymentDeclined;
import dev.ticketing.payments.domain.ChargeRequest;
import org.junit.jupiter.api.Test;

class SandboxProviderTest {
    private final SandboxProvider sandbox = new SandboxProvider();

    @Test
    void accepts_stripes_test_tokens() {
        assertThat(sandbox.charge(new ChargeRequest("o", 100, "usd", "tok_visa"))).startsWith("ch_sandbox_");
        assertThatThrownBy(() -> sandbox.charge(new ChargeRequest("o", 100, "usd", "tok_chargeDeclined")))
                .isInstanceOf(PaymentDeclined.class);
        assertThatThrownBy(() -> sandbox.charge(new ChargeRequest("o", 100, "usd", "tok_other")))
                .isInstanceOf(InvalidInput.class);
    }
}
