package io.odoopulse.canonical;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A customer credit note (refund). Amounts are positive and in {@code currency}: they reduce revenue.
 *
 * @param reversedInvoiceId the invoice this credit note reverses; empty for a stand-alone credit note
 * @param companyAmountTotal {@code amountTotal} in the company's currency as the source booked it, with the
 *                           source's sign (Odoo's amount_total_signed is negative for a credit note; readers take
 *                           the absolute value)
 * @param companyAmountResidual {@code amountResidual} in the company's currency, likewise
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
        Instant updatedAt,
        BigDecimal companyAmountTotal,
        BigDecimal companyAmountResidual) {

    /** A credit note without company-currency amounts (a source that has none). */
    public CreditNote(String tenant, String sourceSystem, String sourceModel, long sourceId, String sourceVersion,
                      String name, DocumentStatus status, PaymentState paymentState, LocalDate invoiceDate,
                      LocalDate dueDate, Long customerId, String customer, Long reversedInvoiceId,
                      String reversedInvoice, String currency, Long companyId, String company,
                      BigDecimal amountUntaxed, BigDecimal amountTax, BigDecimal amountTotal,
                      BigDecimal amountResidual, Instant updatedAt) {
        this(tenant, sourceSystem, sourceModel, sourceId, sourceVersion, name, status, paymentState, invoiceDate,
                dueDate, customerId, customer, reversedInvoiceId, reversedInvoice, currency, companyId, company,
                amountUntaxed, amountTax, amountTotal, amountResidual, updatedAt, null, null);
    }
}
