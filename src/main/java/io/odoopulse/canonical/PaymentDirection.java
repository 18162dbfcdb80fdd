package io.odoopulse.canonical;

/** Money received from a partner, or sent to one. */
public enum PaymentDirection {
    INBOUND, OUTBOUND
}
