package io.odoopulse.canonical;

/** How far an invoice or credit note has been settled. */
public enum PaymentState {
    NOT_PAID, PARTIAL, IN_PAYMENT, PAID, REVERSED, BLOCKED
}
