package io.odoopulse.tenant;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

/**
 * How a tenant's KPI cards are computed and judged (the {@code kpi:} section of its bundle, docs/tenant-bundle.md).
 *
 * @param reportingCurrency the currency every monetary card is also converted to; empty = the main company's
 * @param lowStockThreshold a stocked product with on-hand above zero and below this is "low stock"
 * @param slowMoverDays a product on hand with no done outgoing move for this many days is a slow mover
 * @param churnDays a customer whose last confirmed order is older than this is at churn risk
 * @param sentiment per card id, the levels that turn its sentiment positive or negative (overrides the defaults),
 *                  and its alert trigger
 * @param missingDataAfter a model not read completely for this long raises a missing-data alert
 * @param uninvoicedAfterDays a confirmed order still to invoice this many days after it was placed is an audit finding
 * @param closingCadenceDays a draft customer invoice dated this many days back has missed the books' closing
 */
public record KpiSettings(
        Optional<String> reportingCurrency,
        BigDecimal lowStockThreshold,
        int slowMoverDays,
        int churnDays,
        Map<String, Threshold> sentiment,
        java.time.Duration missingDataAfter,
        int uninvoicedAfterDays,
        int closingCadenceDays) {

    public static final java.time.Duration DEFAULT_MISSING_DATA_AFTER = java.time.Duration.ofHours(6);
    public static final int DEFAULT_UNINVOICED_AFTER_DAYS = 7;
    public static final int DEFAULT_CLOSING_CADENCE_DAYS = 30;

    public KpiSettings(Optional<String> reportingCurrency, BigDecimal lowStockThreshold, int slowMoverDays,
                       int churnDays, Map<String, Threshold> sentiment, java.time.Duration missingDataAfter) {
        this(reportingCurrency, lowStockThreshold, slowMoverDays, churnDays, sentiment, missingDataAfter,
                DEFAULT_UNINVOICED_AFTER_DAYS, DEFAULT_CLOSING_CADENCE_DAYS);
    }

    public KpiSettings(Optional<String> reportingCurrency, BigDecimal lowStockThreshold, int slowMoverDays,
                       int churnDays, Map<String, Threshold> sentiment) {
        this(reportingCurrency, lowStockThreshold, slowMoverDays, churnDays, sentiment, DEFAULT_MISSING_DATA_AFTER);
    }

    public static final BigDecimal DEFAULT_LOW_STOCK = BigDecimal.valueOf(5);
    public static final int DEFAULT_SLOW_MOVER_DAYS = 90;
    public static final int DEFAULT_CHURN_DAYS = 90;

    public static KpiSettings defaults() {
        return new KpiSettings(Optional.empty(), DEFAULT_LOW_STOCK, DEFAULT_SLOW_MOVER_DAYS, DEFAULT_CHURN_DAYS,
                Map.of());
    }

    /**
     * Where a card's sentiment turns. The measured figure is the card's trend in percent for windowed cards and its
     * value otherwise; a card whose figure is better the higher it is turns positive at or above {@code positive}
     * and negative at or below {@code negative}; for a card better the lower it is, the other way round.
     * Either level may be absent (never turns that way).
     *
     * @param alertDrop alert when the 30D figure falls more than this many percent vsP (replaces the default trigger)
     * @param alertRise alert when it rises more than this many percent vsP
     */
    public record Threshold(BigDecimal positive, BigDecimal negative, BigDecimal alertDrop, BigDecimal alertRise) {

        public Threshold(BigDecimal positive, BigDecimal negative) {
            this(positive, negative, null, null);
        }
    }
}
