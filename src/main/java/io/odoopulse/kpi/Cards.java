package io.odoopulse.kpi;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/** Building cards from a definition, and the roundings every card shares. */
final class Cards {

    static final List<String> ODOO = List.of(KpiAggregator.SOURCE);

    private Cards() {
    }

    /** A card for a window, with the same figure for the previous period. */
    static KpiCard windowed(String id, KpiWindow window, String currency, BigDecimal value, BigDecimal previous,
                            List<KpiCard.Breakdown> breakdowns) {
        CardDefinition d = CardDefinition.of(id);
        return new KpiCard(id, d.title(), window.name(), window.start(), window.end(), currency, d.unit(), value,
                null, d.section(), d.tier(), previous, null, List.copyOf(breakdowns), KpiCard.Sentiment.NEUTRAL,
                ODOO);
    }

    /** A card for the state at the as-of time ({@code now}) or everything up to it ({@code lifetime}). */
    static KpiCard at(String id, String window, KpiContext context, String currency, BigDecimal value,
                      List<KpiCard.Breakdown> breakdowns) {
        CardDefinition d = CardDefinition.of(id);
        return new KpiCard(id, d.title(), window, null, context.asOf(), currency, d.unit(), value, null, d.section(),
                d.tier(), null, null, List.copyOf(breakdowns), KpiCard.Sentiment.NEUTRAL, ODOO);
    }

    static KpiCard.Breakdown part(String dimension, String key, BigDecimal value, Long count) {
        return new KpiCard.Breakdown(dimension, key, key, value, count);
    }

    static KpiCard.Breakdown part(String dimension, String key, String label, BigDecimal value, Long count) {
        return new KpiCard.Breakdown(dimension, key, label, value, count);
    }

    /**
     * A product as the breakdowns list it: Odoo id and a label, and the SKU and GTIN other connectors join on (absent
     * when the product has none).
     */
    static KpiCard.Breakdown product(long id, String label, BigDecimal value, String sku, String gtin) {
        return new KpiCard.Breakdown("product", String.valueOf(id), label, value, null, blankToNull(sku),
                blankToNull(gtin));
    }

    private static String blankToNull(String code) {
        return code == null || code.isBlank() ? null : code;
    }

    /** Money as shown: half-up to the cent. */
    static BigDecimal money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP);
    }

    /**
     * A share to four decimals, undefined over nothing. Half-even, as Python's round() that Odoo's own reports (and
     * truth.json) use: 17/160 = 0.10625 shows as 0.1062 there, so it must here too.
     */
    static BigDecimal ratio(BigDecimal part, BigDecimal whole) {
        return whole.signum() == 0 ? null : part.divide(whole, 4, RoundingMode.HALF_EVEN);
    }

    static BigDecimal ratio(long part, long whole) {
        return ratio(BigDecimal.valueOf(part), BigDecimal.valueOf(whole));
    }

    static BigDecimal count(long n) {
        return BigDecimal.valueOf(n);
    }
}
