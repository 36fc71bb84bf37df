package dev.ticketing.payments.domain;

import dev.ticketing.platform.errors.RequestRejected;

/**
 * The card provider gave no clear answer in time (504, as the contract answers a service that does
 * not answer in time). The card may or may not have been charged; the payment stays pending and the
 * reconciler settles it: the order completes, or nothing stays charged.
 */
public class PaymentNotConfirmed extends RequestRejected {
    public PaymentNotConfirmed() {
        super(504, "The card provider did not confirm the payment in time; it will be settled shortly");
    }
}
