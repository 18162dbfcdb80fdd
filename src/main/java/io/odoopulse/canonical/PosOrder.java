package io.odoopulse.canonical;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * An order rung up at a point of sale (a shop till), kept apart from {@link Order}: Odoo holds it in a model of its
 * own whose ids overlap the sale orders'. Amounts are in the order's currency, tax included.
 *
 * @param status {@code CONFIRMED} once paid (paid, posted or invoiced in Odoo), {@code DRAFT} while open
 * @param pointOfSaleId the point of sale (Odoo's {@code pos.config}) it was sold at
 */
public record PosOrder(
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
        Long pointOfSaleId,
        String pointOfSale,
        BigDecimal amountTax,
        BigDecimal amountTotal,
        Instant updatedAt) {
}
