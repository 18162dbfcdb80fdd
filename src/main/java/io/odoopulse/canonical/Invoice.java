package io.odoopulse.canonical;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A customer invoice. Amounts are positive and in {@code currency}; {@code amountResidual} is what is still due.
 * Invoice numbers repeat across companies, so the source id, not the name, identifies one.
 */
public record Invoice(
        String tenant,
        String sourceSystem,
        String sourceModel,
        long sourceId,
        String sourceVersion,
        String name,
        DocumentStatus status,
        PaymentState paymentState,
        LocalDate invoiceDate,
        LocalDate dueDate,
        Long customerId,
        String customer,
        String origin,
        String currency,
        Long companyId,
        String company,
        BigDecimal amountUntaxed,
        BigDecimal amountTax,
        BigDecimal amountTotal,
        BigDecimal amountResidual,
        Instant updatedAt) {
}
