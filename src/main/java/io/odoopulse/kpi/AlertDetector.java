package io.odoopulse.kpi;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares a snapshot's cards with the previous snapshot's: a card whose sentiment changed (it crossed one of the
 * tenant's levels, or its trend did) raises an alert. A card new since then raises none: there is nothing to compare.
 */
public class AlertDetector {

    public List<KpiAlert> alerts(List<KpiCard> previous, List<KpiCard> current) {
        Map<String, KpiCard> before = new HashMap<>();
        previous.forEach(c -> before.put(c.key(), c));
        List<KpiAlert> alerts = new ArrayList<>();
        for (KpiCard card : current) {
            KpiCard old = before.get(card.key());
            if (old == null || old.sentiment() == null || old.sentiment() == card.sentiment()) {
                continue;
            }
            alerts.add(new KpiAlert(card.id(), card.title(), card.window(), card.currency(), old.value(),
                    card.value(), old.sentiment(), card.sentiment(), why(old, card)));
        }
        return alerts;
    }

    private static String why(KpiCard old, KpiCard card) {
        CardDefinition definition = CardDefinition.of(card.id());
        String figure = definition.onTrend()
                ? "its change against the previous period is " + (card.trend() == null ? "undefined"
                        : card.trend().toPlainString() + "%")
                : "its value is " + (card.value() == null ? "undefined" : card.value().toPlainString());
        return SnapshotSummary.name(card) + " turned " + card.sentiment().name().toLowerCase(java.util.Locale.ROOT)
                + " (was " + old.sentiment().name().toLowerCase(java.util.Locale.ROOT) + "): " + figure + ", "
                + (definition.polarity() == CardDefinition.Polarity.HIGHER_IS_BETTER ? "higher" : "lower")
                + " is better";
    }
}
