package io.odoopulse.canonical;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One line of an {@link Order}. Amounts are in the order's currency; {@code amountUntaxed} is after discount.
 */
public record OrderLine(
        String tenant,
        String sourceSystem,
        String sourceModel,
        long sourceId,
        String sourceVersion,
        Long orderId,
        String orderName,
        Integer sequence,
        LineKind kind,
        Long productId,
        String product,
        String description,
        BigDecimal quantity,
        BigDecimal quantityDelivered,
        BigDecimal quantityInvoiced,
        BigDecimal unitPrice,
        BigDecimal discountPercent,
        BigDecimal amountUntaxed,
        BigDecimal amountTax,
        BigDecimal amountTotal,
        String currency,
        Long companyId,
        String company,
        OrderStatus status,
        Instant updatedAt) {
}
