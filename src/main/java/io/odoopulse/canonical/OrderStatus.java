package io.odoopulse.canonical;

/** Source-agnostic order lifecycle; each source's states are mapped onto these in its mapping file. */
public enum OrderStatus {
    DRAFT, CONFIRMED, CANCELLED
}
