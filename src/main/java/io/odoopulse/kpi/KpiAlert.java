package io.odoopulse.kpi;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonFormat;

/** A card whose sentiment changed since the tenant's previous snapshot, and why. */
public record KpiAlert(
        String card,
        String title,
        String window,
        String currency,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal oldValue,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal newValue,
        KpiCard.Sentiment oldSentiment,
        KpiCard.Sentiment sentiment,
        String why) {
}
