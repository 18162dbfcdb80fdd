package io.odoopulse.kpi;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.odoopulse.tenant.KpiSettings;

/**
 * What the Nerve Centre needs to know about a card besides its figure (its card model: id, label, category, format,
 * window, sentiment key and band, alert trigger, data type, roles, tier), for one tenant's levels.
 *
 * @param category the section: {@code sales}, {@code refunds}, {@code inventory}, ...
 * @param format {@code currency}, {@code percent} (a ratio 0..1), {@code count} or {@code number}
 * @param dataType {@code Native} (Odoo answers the figure with one call, {@code how}), {@code API-derived}
 *                 (computed from the records the API returns: conversions, sets) or {@code Derived} (from other
 *                 figures: averages, shares)
 * @param roles who the card is for: {@code owner}, {@code finance}, {@code marketing}, {@code operations}
 * @param tier {@code hero} or {@code standard}
 * @param sentimentKey {@code higher-is-better} or {@code lower-is-better}
 * @param band the tenant's good and bad levels, on the trend ({@code trend}, % vsP) or the value ({@code value})
 * @param alertTrigger the threshold that raises an alert, e.g. {@code drop >15% vsP}; null if none
 */
public record CardMeta(
        String category,
        String format,
        String dataType,
        List<String> roles,
        String tier,
        boolean crossChannel,
        String sentimentKey,
        Band band,
        @JsonInclude(JsonInclude.Include.NON_NULL) String alertTrigger) {

    /** The window the threshold triggers judge: the commerce default, 30 whole days against the 30 before. */
    public static final String TRIGGER_WINDOW = "30d";
    static final BigDecimal DEFAULT_TRIGGER = BigDecimal.valueOf(15);

    public record Band(String on,
                       @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal good,
                       @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal bad) {
    }

    /** A threshold trigger: the 30D trend beyond {@code percent} in the bad direction. */
    public record Trigger(boolean drop, BigDecimal percent) {
        public String text() {
            return (drop ? "drop >" : "rise >") + percent.stripTrailingZeros().toPlainString() + "% vsP";
        }

        public boolean breached(BigDecimal trend) {
            return trend != null && (drop ? trend.compareTo(percent.negate()) < 0 : trend.compareTo(percent) > 0);
        }
    }

    private static final Map<String, List<String>> ROLES = Map.ofEntries(
            Map.entry("sales", List.of("owner", "marketing")),
            Map.entry("refunds", List.of("owner", "finance", "operations")),
            Map.entry("inventory", List.of("operations")),
            Map.entry("customers", List.of("owner", "marketing")),
            Map.entry("finance", List.of("finance", "owner")),
            Map.entry("catalogue", List.of("operations", "marketing")),
            Map.entry("audit-finance", List.of("finance")),
            Map.entry("audit-closing", List.of("finance")),
            Map.entry("audit-stock-value", List.of("finance", "operations")),
            Map.entry("audit-stock", List.of("operations")),
            Map.entry("audit-reorder", List.of("operations")),
            Map.entry("audit-reorder-trend", List.of("operations")),
            Map.entry("audit-sales", List.of("finance", "owner")),
            Map.entry("audit-website", List.of("marketing", "operations")),
            Map.entry("audit-website-stock", List.of("marketing", "operations")));

    static CardMeta of(KpiCard card, KpiSettings settings) {
        CardDefinition d = CardDefinition.of(card.id());
        KpiSettings.Threshold levels = settings.sentiment().getOrDefault(card.id(), d.threshold());
        List<String> roles = new ArrayList<>(ROLES.getOrDefault(d.section(), List.of("owner")));
        if (d.tier() == KpiCard.Tier.HERO && !roles.contains("owner")) {
            roles.add(0, "owner");
        }
        return new CardMeta(d.section(), format(d.unit()), dataType(card), List.copyOf(roles),
                d.tier() == KpiCard.Tier.HERO ? "hero" : "standard", d.tier() == KpiCard.Tier.CROSS_CHANNEL,
                d.polarity() == CardDefinition.Polarity.HIGHER_IS_BETTER ? "higher-is-better" : "lower-is-better",
                new Band(d.onTrend() ? "trend" : "value", levels == null ? null : levels.positive(),
                        levels == null ? null : levels.negative()),
                trigger(d, settings).map(Trigger::text).orElse(null));
    }

    /**
     * The card's threshold trigger: the tenant's {@code alert-drop}/{@code alert-rise}, else for cards judged on
     * their trend a 15 % move vsP in the bad direction; value cards alert through their band only.
     */
    static Optional<Trigger> trigger(CardDefinition d, KpiSettings settings) {
        KpiSettings.Threshold own = settings.sentiment().get(d.id());
        if (own != null && own.alertDrop() != null) {
            return Optional.of(new Trigger(true, own.alertDrop()));
        }
        if (own != null && own.alertRise() != null) {
            return Optional.of(new Trigger(false, own.alertRise()));
        }
        if (!d.onTrend()) {
            return Optional.empty();
        }
        return Optional.of(new Trigger(d.polarity() == CardDefinition.Polarity.HIGHER_IS_BETTER, DEFAULT_TRIGGER));
    }

    private static String format(String unit) {
        return switch (unit) {
            case "currency" -> "currency";
            case "ratio" -> "percent";
            case "count" -> "count";
            default -> "number";
        };
    }

    private static String dataType(KpiCard card) {
        if ("ratio".equals(card.unit()) || card.id().startsWith("aov")) {
            return "Derived";
        }
        return card.how() != null && card.how().note() == null ? "Native" : "API-derived";
    }
}
