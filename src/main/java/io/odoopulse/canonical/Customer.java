package io.odoopulse.canonical;

import java.time.Instant;

/**
 * A person or organisation the merchant sells to (or may: a contact need not have bought yet).
 *
 * @param companyId the company the customer is restricted to; empty = shared by every company
 * @param salesCount how often the source counted this contact as a customer (Odoo's customer rank)
 */
public record Customer(
        String tenant,
        String sourceSystem,
        String sourceModel,
        long sourceId,
        String sourceVersion,
        String name,
        String email,
        Boolean organisation,
        Long parentId,
        String country,
        Long companyId,
        String company,
        Integer salesCount,
        Boolean active,
        Instant updatedAt) {
}
