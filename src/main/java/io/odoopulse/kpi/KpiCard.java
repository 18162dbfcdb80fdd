package io.odoopulse.kpi;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One KPI figure for one window and currency. Money is never summed across currencies, so a multi-currency
 * merchant gets one card per currency (plus a {@code -total} card converted to the reporting currency). Values are
 * decimal strings so no consumer rounds them through floating point; {@code value} is null when undefined.
 *
 * @param window {@code 7d}, {@code 30d}, {@code 90d}; {@code now} for a state at the as-of time; {@code lifetime}
 *               for everything up to the as-of time
 * @param company null: all companies together (the per-company figures are in {@code breakdowns})
 * @param previousValue the same figure for the period of equal length just before the window; null if none applies
 * @param trend the change from {@code previousValue} in percent (one decimal); null if it has no meaning
 * @param sources the systems the card combines; more than one only for cross-channel cards
 * @param stale null when every model the card reads was read in this tick; else which failed and since when the
 *              figure is the last good one
 * @param how the Odoo call that reproduces the figure in Odoo itself (docs/kpis.md, "Explain this number")
 * @param meta the Nerve Centre's card metadata: category, format, data type, roles, tier, band and alert trigger
 * @param series on the 30D cards, the figure of each of the 30 local days of the window, oldest first, for a chart
 */
public record KpiCard(
        String id,
        String title,
        String window,
        Instant windowStart,
        Instant windowEnd,
        String currency,
        String unit,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal value,
        String company,
        String section,
        Tier tier,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal previousValue,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal trend,
        List<Breakdown> breakdowns,
        Sentiment sentiment,
        List<String> sources,
        @JsonInclude(JsonInclude.Include.NON_NULL) Stale stale,
        @JsonInclude(JsonInclude.Include.NON_NULL) OdooQuery how,
        @JsonInclude(JsonInclude.Include.NON_NULL) CardMeta meta,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<Point> series) {

    public KpiCard(String id, String title, String window, Instant windowStart, Instant windowEnd, String currency,
                   String unit, BigDecimal value, String company, String section, Tier tier, BigDecimal previousValue,
                   BigDecimal trend, List<Breakdown> breakdowns, Sentiment sentiment, List<String> sources,
                   Stale stale, OdooQuery how) {
        this(id, title, window, windowStart, windowEnd, currency, unit, value, company, section, tier, previousValue,
                trend, breakdowns, sentiment, sources, stale, how, null, null);
    }

    /** One local day of a card's series: the figure of {@code [day 00:00, next day 00:00)} in the tenant's zone. */
    public record Point(java.time.LocalDate day, @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal value) {
    }

    public KpiCard(String id, String title, String window, Instant windowStart, Instant windowEnd, String currency,
                   String unit, BigDecimal value, String company, String section, Tier tier, BigDecimal previousValue,
                   BigDecimal trend, List<Breakdown> breakdowns, Sentiment sentiment, List<String> sources) {
        this(id, title, window, windowStart, windowEnd, currency, unit, value, company, section, tier, previousValue,
                trend, breakdowns, sentiment, sources, null, null);
    }

    public KpiCard(String id, String title, String window, Instant windowStart, Instant windowEnd, String currency,
                   String unit, BigDecimal value, String company, String section, Tier tier, BigDecimal previousValue,
                   BigDecimal trend, List<Breakdown> breakdowns, Sentiment sentiment, List<String> sources,
                   Stale stale) {
        this(id, title, window, windowStart, windowEnd, currency, unit, value, company, section, tier, previousValue,
                trend, breakdowns, sentiment, sources, stale, null);
    }

    /**
     * The card shows the store as of {@code since}: a model it reads failed in this tick.
     *
     * @param models the Odoo models whose last read failed
     * @param since when the oldest of them was last read completely: the figure is as of then
     */
    public record Stale(List<String> models, Instant since, String reason) {}

    /** Where the dashboard shows a card: the headline row, the detail grid, or the cards combining sources. */
    public enum Tier { HERO, NON_HERO, CROSS_CHANNEL }

    public enum Sentiment { POSITIVE, NEUTRAL, NEGATIVE }

    /**
     * A part of a card's figure: per company, ageing bucket, state, journal, customer...
     *
     * @param dimension what the parts are split by ({@code company}, {@code age}, {@code status}, ...)
     * @param count how many records the part holds, where that means something
     * @param sku a product's internal reference (Odoo {@code default_code}), the key other connectors (ads,
     *            marketplaces) join products on; absent when the part is not a product or the product has none
     * @param gtin a product's barcode (EAN/UPC/GTIN), likewise
     */
    public record Breakdown(
            String dimension,
            String key,
            String label,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal value,
            Long count,
            @JsonInclude(JsonInclude.Include.NON_NULL) String sku,
            @JsonInclude(JsonInclude.Include.NON_NULL) String gtin) {

        public Breakdown(String dimension, String key, String label, BigDecimal value, Long count) {
            this(dimension, key, label, value, count, null, null);
        }
    }

    /**
     * The Nerve Centre's code of the window ({@code T}, {@code 24H}, {@code 7D}, {@code 30D}, {@code 90D}); null for
     * {@code now} and {@code lifetime}, which have none. Every coded window is compared vsP: {@code previousValue}.
     */
    @com.fasterxml.jackson.annotation.JsonProperty(value = "windowCode",
            access = com.fasterxml.jackson.annotation.JsonProperty.Access.READ_ONLY)
    public String windowCode() {
        return windowStart == null || window == null ? null : window.toUpperCase(java.util.Locale.ROOT);
    }

    /** Identifies a card across snapshots: alerts compare the cards with equal keys. */
    public String key() {
        return id + "|" + window + "|" + (currency == null ? "" : currency) + "|" + (company == null ? "" : company);
    }

    public KpiCard withPrevious(BigDecimal previous, BigDecimal change) {
        return new KpiCard(id, title, window, windowStart, windowEnd, currency, unit, value, company, section, tier,
                previous, change, breakdowns, sentiment, sources, stale, how, meta, series);
    }

    public KpiCard withSentiment(Sentiment judged) {
        return new KpiCard(id, title, window, windowStart, windowEnd, currency, unit, value, company, section, tier,
                previousValue, trend, breakdowns, judged, sources, stale, how, meta, series);
    }

    public KpiCard withStale(Stale note) {
        return new KpiCard(id, title, window, windowStart, windowEnd, currency, unit, value, company, section, tier,
                previousValue, trend, breakdowns, sentiment, sources, note, how, meta, series);
    }

    public KpiCard withMeta(CardMeta metadata) {
        return new KpiCard(id, title, window, windowStart, windowEnd, currency, unit, value, company, section, tier,
                previousValue, trend, breakdowns, sentiment, sources, stale, how, metadata, series);
    }

    public KpiCard withSeries(List<Point> days) {
        return new KpiCard(id, title, window, windowStart, windowEnd, currency, unit, value, company, section, tier,
                previousValue, trend, breakdowns, sentiment, sources, stale, how, meta, days);
    }

    public KpiCard withHow(OdooQuery call) {
        return new KpiCard(id, title, window, windowStart, windowEnd, currency, unit, value, company, section, tier,
                previousValue, trend, breakdowns, sentiment, sources, stale, call, meta, series);
    }
}
