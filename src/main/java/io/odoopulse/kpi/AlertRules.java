package io.odoopulse.kpi;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.odoopulse.tenant.KpiSettings;

/**
 * The alerts a snapshot raises by itself, each tick while its condition holds (docs/kpis.md, "Alerts"): a 30D card
 * beyond its threshold trigger vsP, yesterday's figure of a card far outside its own previous 29 days, and a model
 * that has not been read completely for longer than {@code kpi.missing-data-after}.
 */
public class AlertRules {

    /** Standard deviations from the history's mean beyond which a day is an anomaly. */
    static final BigDecimal ANOMALY_SIGMAS = BigDecimal.valueOf(3);
    /** Days of history an anomaly needs besides the day judged. */
    static final int ANOMALY_HISTORY = 14;

    public List<KpiAlert> alerts(KpiSnapshot snapshot, KpiSettings settings) {
        List<KpiAlert> alerts = new ArrayList<>();
        for (KpiCard card : snapshot.cards()) {
            if (card.company() != null || !CardMeta.TRIGGER_WINDOW.equals(card.window()) || card.stale() != null) {
                continue;
            }
            threshold(snapshot, card, settings).ifPresent(alerts::add);
            anomaly(snapshot, card).ifPresent(alerts::add);
        }
        alerts.addAll(missingData(snapshot, settings));
        return alerts;
    }

    private java.util.Optional<KpiAlert> threshold(KpiSnapshot snapshot, KpiCard card, KpiSettings settings) {
        CardDefinition definition = CardDefinition.of(card.id());
        return CardMeta.trigger(definition, settings).filter(t -> t.breached(card.trend())).map(t -> {
            BigDecimal ratio = card.trend().abs().divide(t.percent(), MathContext.DECIMAL64);
            String severity = ratio.compareTo(BigDecimal.valueOf(3)) >= 0 ? "critical"
                    : ratio.compareTo(BigDecimal.valueOf(2)) >= 0 ? "high" : "medium";
            Instant periodStart = card.windowStart();
            return new KpiAlert(card.id(), card.title(), card.window(), card.currency(), card.previousValue(),
                    card.value(), null, card.sentiment(), SnapshotSummary.name(card) + ": " + t.text() + " ("
                    + card.trend().toPlainString() + "% against the previous 30 days, from "
                    + card.previousValue().toPlainString() + " to " + plain(card.value()) + ")", KpiAlert.THRESHOLD,
                    null, severity, t.text(), periodStart, card.windowEnd(), card.previousValue(),
                    KpiAlert.delta(card.value(), card.previousValue()), card.trend(),
                    KpiAlert.traceId(snapshot.tenant(), card.id(), card.window(), card.currency(),
                            KpiAlert.THRESHOLD, periodStart));
        });
    }

    /**
     * The last day of the series against the days before it: more than {@link #ANOMALY_SIGMAS} standard deviations
     * from their mean. High when it moved the bad way, info when the good way.
     */
    private java.util.Optional<KpiAlert> anomaly(KpiSnapshot snapshot, KpiCard card) {
        List<KpiCard.Point> series = card.series();
        if (series == null || series.size() < ANOMALY_HISTORY + 1) {
            return java.util.Optional.empty();
        }
        KpiCard.Point day = series.get(series.size() - 1);
        List<BigDecimal> history = series.subList(0, series.size() - 1).stream().map(KpiCard.Point::value)
                .filter(Objects::nonNull).toList();
        if (day.value() == null || history.size() < ANOMALY_HISTORY) {
            return java.util.Optional.empty();
        }
        MathContext mc = MathContext.DECIMAL64;
        BigDecimal n = BigDecimal.valueOf(history.size());
        BigDecimal mean = history.stream().reduce(BigDecimal.ZERO, BigDecimal::add).divide(n, mc);
        BigDecimal variance = history.stream().map(v -> v.subtract(mean).pow(2)).reduce(BigDecimal.ZERO,
                BigDecimal::add).divide(n, mc);
        BigDecimal sigma = variance.sqrt(mc);
        BigDecimal distance = day.value().subtract(mean);
        if (sigma.signum() == 0 || distance.abs().compareTo(sigma.multiply(ANOMALY_SIGMAS)) <= 0) {
            return java.util.Optional.empty();
        }
        int scale = "ratio".equals(card.unit()) ? 4 : 2;
        BigDecimal baseline = mean.setScale(scale, RoundingMode.HALF_UP);
        boolean higherIsBetter = CardDefinition.of(card.id()).polarity() == CardDefinition.Polarity.HIGHER_IS_BETTER;
        boolean bad = higherIsBetter == (distance.signum() < 0);
        Instant start = KpiWindow.midnight(day.day(), java.time.ZoneId.of(snapshot.timezone()));
        Instant end = KpiWindow.midnight(day.day().plusDays(1), java.time.ZoneId.of(snapshot.timezone()));
        BigDecimal sigmas = distance.divide(sigma, 1, RoundingMode.HALF_UP);
        return java.util.Optional.of(new KpiAlert(card.id(), card.title(), "1d", card.currency(), baseline,
                day.value(), null, card.sentiment(), card.title() + (card.currency() == null ? "" : " "
                + card.currency()) + " on " + day.day() + " was " + day.value().toPlainString() + ", " + sigmas
                .toPlainString() + " standard deviations from its mean of " + baseline.toPlainString()
                + " over the " + history.size() + " days before", KpiAlert.ANOMALY, null, bad ? "high" : "info",
                "|z| > " + ANOMALY_SIGMAS + " over " + history.size() + " days", start, end, baseline,
                day.value().subtract(baseline), SentimentJudge.trend(day.value(), baseline),
                KpiAlert.traceId(snapshot.tenant(), card.id(), "1d", card.currency(), KpiAlert.ANOMALY, start)));
    }

    /** A model last read completely longer ago than the tenant allows: critical beyond four times that. */
    private List<KpiAlert> missingData(KpiSnapshot snapshot, KpiSettings settings) {
        List<KpiAlert> alerts = new ArrayList<>();
        if (snapshot.freshness() == null) {
            return alerts;
        }
        Duration allowed = settings.missingDataAfter();
        Instant now = snapshot.generatedAt();
        for (KpiSnapshot.Freshness f : snapshot.freshness()) {
            if (f.readAt() == null) {
                continue; // never read: the section is unavailable, which the push says already
            }
            Duration since = Duration.between(f.readAt(), now);
            if (since.compareTo(allowed) <= 0) {
                continue;
            }
            BigDecimal hours = hours(since);
            BigDecimal allowedHours = hours(allowed);
            alerts.add(new KpiAlert(null, f.model() + " not refreshed", null, null, allowedHours, hours, null, null,
                    f.model() + " was last read completely at " + f.readAt() + ", " + hours.toPlainString()
                    + " hours ago (allowed: " + allowedHours.toPlainString() + ")"
                    + (f.error() == null ? "" : "; last error: " + f.error()), KpiAlert.MISSING_DATA, f.model(),
                    since.compareTo(allowed.multipliedBy(4)) > 0 ? "critical" : "high",
                    "not refreshed for >" + allowedHours.toPlainString() + "h", f.readAt(), now, allowedHours,
                    hours.subtract(allowedHours), SentimentJudge.trend(hours, allowedHours),
                    KpiAlert.traceId(snapshot.tenant(), f.model(), null, null, KpiAlert.MISSING_DATA,
                            f.readAt())));
        }
        return alerts;
    }

    private static BigDecimal hours(Duration d) {
        return BigDecimal.valueOf(d.toSeconds()).divide(BigDecimal.valueOf(3600), 2, RoundingMode.HALF_UP);
    }

    private static String plain(BigDecimal value) {
        return value == null ? "undefined" : value.toPlainString();
    }
}
