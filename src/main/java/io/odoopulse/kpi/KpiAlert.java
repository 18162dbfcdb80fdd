package io.odoopulse.kpi;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An alert of the push (docs/push-contract.md). Kind, also the trigger reason: {@code threshold} (a card's 30D figure
 * moved beyond its trigger vsP), {@code anomaly} (yesterday's figure far from the card's own last 29 days),
 * {@code missing-data} (a model not read completely for longer than {@code kpi.missing-data-after}),
 * {@code sentiment} (a card's sentiment changed since the previous snapshot) and {@code drift} (the parity audit
 * found a figure of the store that Odoo itself answers differently: {@code oldValue} the store's, {@code newValue}
 * Odoo's; {@code card} null for a model's record count).
 *
 * @param model for a drift or missing data, the Odoo model concerned
 * @param severity {@code critical}, {@code high}, {@code medium}, {@code low} or {@code info}
 * @param trigger the rule that fired, e.g. {@code drop >15% vsP}
 * @param periodStart the period the alert is about, {@code [periodStart, periodEnd)}
 * @param baseline what the figure is compared with: the vsP figure, the history's mean, the expected read time
 * @param delta {@code newValue − baseline}; {@code deltaPercent} the same in % of |baseline| (one decimal)
 * @param traceId stable for one condition (tenant, card, window, currency, reason, period start): the same
 *                condition on the next tick carries the same id, so the Nerve Centre can de-duplicate
 */
public record KpiAlert(
        String card,
        String title,
        String window,
        String currency,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal oldValue,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal newValue,
        KpiCard.Sentiment oldSentiment,
        KpiCard.Sentiment sentiment,
        String why,
        String kind,
        @JsonInclude(JsonInclude.Include.NON_NULL) String model,
        String severity,
        @JsonInclude(JsonInclude.Include.NON_NULL) String trigger,
        @JsonInclude(JsonInclude.Include.NON_NULL) Instant periodStart,
        @JsonInclude(JsonInclude.Include.NON_NULL) Instant periodEnd,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal baseline,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal delta,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonFormat(shape = JsonFormat.Shape.STRING)
        BigDecimal deltaPercent,
        String traceId) {

    public static final String SENTIMENT = "sentiment";
    public static final String DRIFT = "drift";
    public static final String THRESHOLD = "threshold";
    public static final String ANOMALY = "anomaly";
    public static final String MISSING_DATA = "missing-data";

    /** A sentiment alert. */
    public KpiAlert(String card, String title, String window, String currency, BigDecimal oldValue,
                    BigDecimal newValue, KpiCard.Sentiment oldSentiment, KpiCard.Sentiment sentiment, String why) {
        this(card, title, window, currency, oldValue, newValue, oldSentiment, sentiment, why, SENTIMENT, null);
    }

    /** A sentiment or drift alert; its severity follows from the kind, its trace id is set when attached. */
    public KpiAlert(String card, String title, String window, String currency, BigDecimal oldValue,
                    BigDecimal newValue, KpiCard.Sentiment oldSentiment, KpiCard.Sentiment sentiment, String why,
                    String kind, String model) {
        this(card, title, window, currency, oldValue, newValue, oldSentiment, sentiment, why, kind, model,
                DRIFT.equals(kind) ? "high" : sentiment == KpiCard.Sentiment.NEGATIVE ? "medium" : "info", null,
                null, null, oldValue, delta(newValue, oldValue), SentimentJudge.trend(newValue, oldValue), null);
    }

    public boolean drift() {
        return DRIFT.equals(kind);
    }

    /** With the trace id of its condition, when it has none yet. */
    public KpiAlert traced(String tenant, Instant conditionStart) {
        if (traceId != null) {
            return this;
        }
        return new KpiAlert(card, title, window, currency, oldValue, newValue, oldSentiment, sentiment, why, kind,
                model, severity, trigger, periodStart, periodEnd, baseline, delta, deltaPercent,
                traceId(tenant, card != null ? card : model, window, currency, kind, conditionStart));
    }

    /** A short hash of the condition: equal conditions, equal ids, whatever the tick. */
    static String traceId(String tenant, String subject, String window, String currency, String reason,
                          Instant periodStart) {
        String key = String.join("|", tenant, String.valueOf(subject), String.valueOf(window),
                String.valueOf(currency), reason, String.valueOf(periodStart));
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static BigDecimal delta(BigDecimal value, BigDecimal baseline) {
        return value == null || baseline == null ? null : value.subtract(baseline);
    }
}
