package io.odoopulse.canonical;

import java.util.ArrayList;
import java.util.List;

/**
 * A pulled page mapped at once ({@link CanonicalMapper#mapPage}): each record the mapping reads, with the raw record
 * and its idempotent key, and apart the raw records the mapping refused, which go through the record route one by one
 * so that each is dead-lettered alone with its payload and cause. Records the mapping selects no type for (a vendor
 * bill among invoices) are in neither list.
 */
public final class CanonicalPage {

    /** One mapped record: as Odoo returned it, as the store keeps it, and the key the idempotent consumer checks. */
    public record Entry(Object raw, Record record, String key) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private final List<Object> refused = new ArrayList<>();

    public void add(Object raw, Record record, String key) {
        entries.add(new Entry(raw, record, key));
    }

    public void refuse(Object raw) {
        refused.add(raw);
    }

    public List<Entry> entries() {
        return entries;
    }

    public List<Object> refused() {
        return refused;
    }
}
