package io.odoopulse.canonical;

/** Lifecycle of an accounting document (invoice, credit note, payment): only posted ones count. */
public enum DocumentStatus {
    DRAFT, POSTED, CANCELLED
}
