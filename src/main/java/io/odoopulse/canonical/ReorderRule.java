package io.odoopulse.canonical;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A replenishment (reorder) rule of one product at one location (Odoo's {@code stock.warehouse.orderpoint}): below
 * {@code minQuantity} Odoo reorders up to {@code maxQuantity}. Quantities are in the product's unit of measure.
 *
 * @param triggerMode {@code auto} (the scheduler reorders) or {@code manual} (listed in the replenishment report)
 * @param active false for an archived rule, which Odoo no longer applies
 */
public record ReorderRule(
        String tenant,
        String sourceSystem,
        String sourceModel,
        long sourceId,
        String sourceVersion,
        Long productId,
        String product,
        Long locationId,
        String location,
        Long warehouseId,
        String warehouse,
        Long companyId,
        String company,
        BigDecimal minQuantity,
        BigDecimal maxQuantity,
        String triggerMode,
        Boolean active,
        Instant updatedAt) {
}
