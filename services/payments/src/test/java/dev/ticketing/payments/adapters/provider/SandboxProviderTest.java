package dev.ticketing.payments.adapters.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.payments.domain.ChargeLookup;
import dev.ticketing.payments.domain.ChargeRequest;
import dev.ticketing.platform.db.Database;
import dev.ticketing.platform.errors.InvalidInput;
import dev.ticketing.platform.errors.PaymentDeclined;
import dev.ticketing.testkit.TestDatabases;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The sandbox against its ledger table in a schema of its own. */
class SandboxProviderTest {
    private final Database database = TestDatabases.open("classpath:db/payments");
    private final SandboxProvider sandbox = new SandboxProvider(database.jdbi());

    @AfterEach
    void dropSchema() {
        TestDatabases.drop(database);
    }

    private static ChargeRequest aCharge(String token) {
        return new ChargeRequest(UUID.randomUUID().toString(), "order-1", 2050, "usd", token);
    }

    @Test
    void accepts_stripes_test_tokens() {
        assertThat(sandbox.charge(aCharge("tok_visa"))).startsWith("ch_sandbox_");
        assertThatThrownBy(() -> sandbox.charge(aCharge("tok_chargeDeclined"))).isInstanceOf(PaymentDeclined.class);
        assertThatThrownBy(() -> sandbox.charge(aCharge("tok_other"))).isInstanceOf(InvalidInput.class);
    }

    @Test
    void charges_once_per_idempotency_key_and_a_new_key_charges_anew() {
        ChargeRequest request = aCharge("tok_visa");
        String first = sandbox.charge(request);
        assertThat(sandbox.charge(request)).isEqualTo(first);
        assertThat(sandbox.charge(aCharge("tok_visa"))).isNotEqualTo(first);
        assertThat(sandbox.charges()).hasSize(2);
    }

    @Test
    void remembers_its_charges_and_refunds_across_a_restart() {
        ChargeRequest request = aCharge("tok_visa");
        String charged = sandbox.charge(request);

        SandboxProvider restarted = new SandboxProvider(database.jdbi());
        assertThat(restarted.lookup(request.paymentId())).isEqualTo(new ChargeLookup.Charged(charged));
        assertThat(restarted.charge(request)).isEqualTo(charged);
        restarted.refund(charged, "order-1");
        restarted.refund(charged, "order-1");

        assertThat(new SandboxProvider(database.jdbi()).lookup(request.paymentId()))
                .isEqualTo(new ChargeLookup.Refunded(charged));
        assertThat(sandbox.refunded()).containsExactly(charged);
        assertThat(sandbox.lookup(UUID.randomUUID().toString())).isEqualTo(new ChargeLookup.NotFound());
        assertThatThrownBy(() -> sandbox.refund("ch_unknown", "order-1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void records_a_charge_whose_answer_it_then_loses() {
        SandboxProvider ambiguous = new SandboxProvider(database.jdbi(), new SandboxFaults(Duration.ZERO, 1, 0));
        ChargeRequest request = aCharge("tok_visa");
        assertThatThrownBy(() -> ambiguous.charge(request)).isInstanceOf(IllegalStateException.class);
        assertThat(sandbox.lookup(request.paymentId())).isInstanceOf(ChargeLookup.Charged.class);
    }

    @Test
    void records_a_delayed_charge_before_it_answers_and_fails_refunds_when_told_to() {
        SandboxProvider faulty = new SandboxProvider(database.jdbi(), new SandboxFaults(Duration.ofMillis(300), 0, 1));
        ChargeRequest request = aCharge("tok_visa");
        TimedProvider impatient = new TimedProvider(faulty, Duration.ofMillis(50));
        assertThatThrownBy(() -> impatient.charge(request)).isInstanceOf(TimedProvider.ProviderTimedOut.class);
        ChargeLookup booked = sandbox.lookup(request.paymentId());
        assertThat(booked).isInstanceOf(ChargeLookup.Charged.class);

        String chargeId = ((ChargeLookup.Charged) booked).chargeId();
        assertThatThrownBy(() -> faulty.refund(chargeId, "order-1")).isInstanceOf(IllegalStateException.class);
        assertThat(sandbox.refunded()).isEmpty();
        impatient.close();
    }
}
