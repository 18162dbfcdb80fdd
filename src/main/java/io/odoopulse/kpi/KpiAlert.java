package io.odoopulse.kpi;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An alert of the push. Kind {@code sentiment}: a card whose sentiment changed since the tenant's previous snapshot,
 * and why. Kind {@code drift}: the parity audit found a figure of the store that Odoo itself answers differently
 * ({@code oldValue} the store's, {@code newValue} Odoo's; {@code card} null for a model's record count).
 *
 * @param model for a drift, the Odoo model concerned
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
        @JsonInclude(JsonInclude.Include.NON_NULL) String model) {

    public static final String SENTIMENT = "sentiment";
    public static final String DRIFT = "drift";

    /** A sentiment alert. */
    public KpiAlert(String card, String title, String window, String currency, BigDecimal oldValue,
                    BigDecimal newValue, KpiCard.Sentiment oldSentiment, KpiCard.Sentiment sentiment, String why) {
        this(card, title, window, currency, oldValue, newValue, oldSentiment, sentiment, why, SENTIMENT, null);
    }

    public boolean drift() {
        return DRIFT.equals(kind);
    }
}
