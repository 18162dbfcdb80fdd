package io.odoopulse.canonical;

import java.time.Instant;

/**
 * A record of an Odoo model the canonical model does not know ({@code crm.lead}, {@code purchase.order}...), pulled
 * because a tenant's mapping override maps it as {@code canonical: GenericRecord}: pulled, de-duplicated and
 * deleted like any canonical record, and stored in table {@code canonical_generic_record} for routes of one's own
 * and SQL (docs/extending.md).
 *
 * @param payload a JSON object of the fields the mapping lists, by their names there, read with their types
 *                (many2one-name a string, datetime an ISO instant, monetary an exact decimal...)
 */
public record GenericRecord(
        String tenant,
        String sourceSystem,
        String sourceModel,
        long sourceId,
        String sourceVersion,
        String payload,
        Instant updatedAt) {
}
