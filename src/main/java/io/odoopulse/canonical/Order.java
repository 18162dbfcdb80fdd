package io.odoopulse.canonical;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A sale order in the canonical retail model, the same shape for Odoo, Shopify and BigCommerce.
 * Amounts are in the order's own currency; instants are UTC.
 */
public record Order(
        String tenant,
        String sourceSystem,
        String sourceModel,
        long sourceId,
        String sourceVersion,
        String name,
        OrderStatus status,
        Instant orderedAt,
        String currency,
        Long companyId,
        String company,
        Long customerId,
        BigDecimal amountUntaxed,
        BigDecimal amountTax,
        BigDecimal amountTotal,
        Instant updatedAt) {
}
