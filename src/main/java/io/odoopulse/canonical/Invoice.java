package io.odoopulse.canonical;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A customer invoice. Amounts are positive and in {@code currency}; {@code amountResidual} is what is still due.
 * Invoice numbers repeat across companies, so the source id, not the name, identifies one.
 *
 * @param companyAmountTotal {@code amountTotal} in the company's currency as the source booked it (Odoo's
 *                           amount_total_signed): converting again with a rate would not reproduce its rounding
 * @param companyAmountResidual {@code amountResidual} in the company's currency (amount_residual_signed)
 * @param accountingDate the date it is (or will be) booked on; a draft's tells how long it has waited
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
        Instant updatedAt,
        BigDecimal companyAmountTotal,
        BigDecimal companyAmountResidual,
        LocalDate accountingDate) {

    /** An invoice without an accounting date (a source that has none). */
    public Invoice(String tenant, String sourceSystem, String sourceModel, long sourceId, String sourceVersion,
                   String name, DocumentStatus status, PaymentState paymentState, LocalDate invoiceDate,
                   LocalDate dueDate, Long customerId, String customer, String origin, String currency, Long companyId,
                   String company, BigDecimal amountUntaxed, BigDecimal amountTax, BigDecimal amountTotal,
                   BigDecimal amountResidual, Instant updatedAt, BigDecimal companyAmountTotal,
                   BigDecimal companyAmountResidual) {
        this(tenant, sourceSystem, sourceModel, sourceId, sourceVersion, name, status, paymentState, invoiceDate,
                dueDate, customerId, customer, origin, currency, companyId, company, amountUntaxed, amountTax,
                amountTotal, amountResidual, updatedAt, companyAmountTotal, companyAmountResidual, null);
    }

    /** An invoice without company-currency amounts (a source that has none). */
    public Invoice(String tenant, String sourceSystem, String sourceModel, long sourceId, String sourceVersion,
                   String name, DocumentStatus status, PaymentState paymentState, LocalDate invoiceDate,
                   LocalDate dueDate, Long customerId, String customer, String origin, String currency, Long companyId,
                   String company, BigDecimal amountUntaxed, BigDecimal amountTax, BigDecimal amountTotal,
                   BigDecimal amountResidual, Instant updatedAt) {
        this(tenant, sourceSystem, sourceModel, sourceId, sourceVersion, name, status, paymentState, invoiceDate,
                dueDate, customerId, customer, origin, currency, companyId, company, amountUntaxed, amountTax,
                amountTotal, amountResidual, updatedAt, null, null, null);
    }
}
