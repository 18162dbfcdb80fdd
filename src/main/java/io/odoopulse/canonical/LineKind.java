package io.odoopulse.canonical;

/** An order line sells something, or only structures the document (a section title, a note). */
public enum LineKind {
    PRODUCT, SECTION, NOTE
}
