package io.odoopulse.canonical;

/** What a product is, whatever the source calls it. */
public enum ProductKind {
    GOODS, SERVICE, COMBO
}
