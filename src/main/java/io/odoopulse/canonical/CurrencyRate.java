package io.odoopulse.canonical;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * How many units of {@code currency} one unit of the company's own currency buys from {@code validFrom} on.
 * Rates are per company: two companies of one merchant may keep different rates for the same day.
 */
public record CurrencyRate(
        String tenant,
        String sourceSystem,
        String sourceModel,
        long sourceId,
        String sourceVersion,
        String currency,
        LocalDate validFrom,
        BigDecimal rate,
        Long companyId,
        String company,
        Instant updatedAt) {
}
