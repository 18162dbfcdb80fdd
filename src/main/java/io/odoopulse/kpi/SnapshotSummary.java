package io.odoopulse.kpi;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A few plain sentences on what moved most: the cards of the shortest window with the largest change against their
 * previous period, then the cards whose sentiment is negative, then the alerts. Rules only, no external service.
 */
public class SnapshotSummary {

    static final int MOVERS = 3;

    public String summarise(List<KpiCard> cards, List<KpiAlert> alerts) {
        StringBuilder text = new StringBuilder();
        String shortest = cards.stream().filter(c -> c.trend() != null).map(KpiCard::window)
                .min(Comparator.comparingInt(SnapshotSummary::days)).orElse(null);
        List<KpiCard> movers = cards.stream()
                .filter(c -> c.trend() != null && c.window().equals(shortest) && c.trend().signum() != 0)
                .sorted(Comparator.comparing((KpiCard c) -> c.trend().abs()).reversed()
                        .thenComparing(c -> c.tier().ordinal()))
                .limit(MOVERS).toList();
        if (movers.isEmpty()) {
            text.append("No card moved against its previous period.");
        } else {
            text.append("Biggest moves over the last ").append(shortest.replace("d", " days")).append(": ")
                    .append(movers.stream().map(SnapshotSummary::move).collect(Collectors.joining("; ")))
                    .append('.');
        }
        List<KpiCard> negative = cards.stream().filter(c -> c.sentiment() == KpiCard.Sentiment.NEGATIVE).toList();
        if (!negative.isEmpty()) {
            text.append(' ').append(negative.size()).append(negative.size() == 1 ? " card needs" : " cards need")
                    .append(" attention: ").append(negative.stream().limit(MOVERS).map(SnapshotSummary::name)
                            .collect(Collectors.joining(", ")))
                    .append(negative.size() > MOVERS ? " and more." : ".");
        }
        if (!alerts.isEmpty()) {
            text.append(' ').append(alerts.size()).append(alerts.size() == 1 ? " alert" : " alerts")
                    .append(" since the previous snapshot.");
        }
        return text.toString();
    }

    private static String move(KpiCard card) {
        BigDecimal trend = card.trend();
        return name(card) + (trend.signum() > 0 ? " up " : " down ") + trend.abs().toPlainString() + "% to "
                + card.value().toPlainString() + " (from " + card.previousValue().toPlainString() + ")";
    }

    static String name(KpiCard card) {
        return card.title() + (card.currency() != null ? " " + card.currency() : "")
                + (card.window().endsWith("d") ? " (" + card.window() + ")" : "");
    }

    private static int days(String window) {
        return window.endsWith("d") ? Integer.parseInt(window.substring(0, window.length() - 1)) : Integer.MAX_VALUE;
    }
}
