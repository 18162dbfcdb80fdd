package io.odoopulse.canonical;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A payment received or sent; {@code amount} is positive, in {@code currency}, its sense is {@code direction}.
 *
 * @param journal where the money went (bank, cash...)
 * @param method how it was paid (manual, card, cheque...)
 */
public record Payment(
        String tenant,
        String sourceSystem,
        String sourceModel,
        long sourceId,
        String sourceVersion,
        String name,
        DocumentStatus status,
        LocalDate paidOn,
        PaymentDirection direction,
        PartnerRole partnerRole,
        Long partnerId,
        String partner,
        BigDecimal amount,
        String currency,
        Long companyId,
        String company,
        Long journalId,
        String journal,
        String method,
        Boolean reconciled,
        Instant updatedAt) {
}
