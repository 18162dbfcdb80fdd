package io.odoopulse.canonical;

/** The role of a stock location; a move's direction follows from the roles of its two ends. */
public enum LocationKind {
    INTERNAL, CUSTOMER, SUPPLIER, INVENTORY, PRODUCTION, TRANSIT, VIEW
}
