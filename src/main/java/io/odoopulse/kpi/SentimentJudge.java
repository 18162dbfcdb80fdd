package io.odoopulse.kpi;

import java.math.BigDecimal;
import java.math.RoundingMode;

import io.odoopulse.tenant.KpiSettings;

/** Adds the trend against the previous period and the sentiment to a computed card, from the tenant's levels. */
public class SentimentJudge {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public KpiCard judge(KpiCard card, KpiSettings settings) {
        BigDecimal trend = trend(card.value(), card.previousValue());
        KpiCard withTrend = card.withPrevious(card.previousValue(), trend);
        CardDefinition definition = CardDefinition.of(card.id());
        KpiSettings.Threshold levels = settings.sentiment().getOrDefault(card.id(), definition.threshold());
        BigDecimal figure = definition.onTrend() ? trend : card.value();
        return withTrend.withSentiment(sentiment(figure, levels, definition.polarity()));
    }

    /** Change in percent, one decimal; undefined against nothing. */
    static BigDecimal trend(BigDecimal value, BigDecimal previous) {
        if (value == null || previous == null || previous.signum() == 0) {
            return null;
        }
        return value.subtract(previous).multiply(HUNDRED).divide(previous.abs(), 1, RoundingMode.HALF_UP);
    }

    static KpiCard.Sentiment sentiment(BigDecimal figure, KpiSettings.Threshold levels,
                                       CardDefinition.Polarity polarity) {
        if (figure == null || levels == null) {
            return KpiCard.Sentiment.NEUTRAL;
        }
        boolean higherIsBetter = polarity == CardDefinition.Polarity.HIGHER_IS_BETTER;
        BigDecimal negative = levels.negative();
        if (negative != null && (higherIsBetter ? figure.compareTo(negative) <= 0 : figure.compareTo(negative) >= 0)) {
            return KpiCard.Sentiment.NEGATIVE;
        }
        BigDecimal positive = levels.positive();
        if (positive != null && (higherIsBetter ? figure.compareTo(positive) >= 0 : figure.compareTo(positive) <= 0)) {
            return KpiCard.Sentiment.POSITIVE;
        }
        return KpiCard.Sentiment.NEUTRAL;
    }
}
