package io.odoopulse.canonical;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A customer credit note (refund). Amounts are positive and in {@code currency}: they reduce revenue.
 *
 * @param reversedInvoiceId the invoice this credit note reverses; empty for a stand-alone credit note
 */
public record CreditNote(
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
        Long reversedInvoiceId,
        String reversedInvoice,
        String currency,
        Long companyId,
        String company,
        BigDecimal amountUntaxed,
        BigDecimal amountTax,
        BigDecimal amountTotal,
        BigDecimal amountResidual,
        Instant updatedAt) {
}
