package io.odoopulse.canonical;

import java.time.Instant;

/** A legal entity of the merchant; its currency is the one its books are kept in. */
public record Company(
        String tenant,
        String sourceSystem,
        String sourceModel,
        long sourceId,
        String sourceVersion,
        String name,
        String currency,
        Long parentId,
        Boolean active,
        Instant updatedAt) {
}
