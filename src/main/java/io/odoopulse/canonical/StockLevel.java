package io.odoopulse.canonical;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Quantity of one product at one location (one Odoo quant: lots and packages are not told apart here).
 * On-hand may be negative where the source let stock go below zero.
 */
public record StockLevel(
        String tenant,
        String sourceSystem,
        String sourceModel,
        long sourceId,
        String sourceVersion,
        Long productId,
        String product,
        Long locationId,
        String location,
        Long companyId,
        String company,
        BigDecimal onHand,
        BigDecimal reserved,
        Instant updatedAt) {
}
