package io.odoopulse.kpi;

import java.math.BigDecimal;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonFormat;

/**
 * One KPI figure for one window and currency. Money is never summed across currencies, so a multi-currency
 * merchant gets one card per currency. Values are sent as decimal strings so no consumer rounds them through
 * floating point; {@code value} is null when the figure is undefined (an average of no orders).
 */
public record KpiCard(
        String id,
        String title,
        String window,
        Instant windowStart,
        Instant windowEnd,
        String currency,
        String unit,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal value) {
}
