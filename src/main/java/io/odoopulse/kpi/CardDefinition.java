package io.odoopulse.kpi;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

import io.odoopulse.tenant.KpiSettings;

/**
 * What a card is, whatever its window or currency: title, section, unit, tier, which direction is good and the
 * default sentiment levels (docs/kpis.md explains each). Tenants override the levels in {@code kpi.sentiment}.
 *
 * @param onTrend whether sentiment judges the change against the previous period (true) or the value itself
 */
public record CardDefinition(
        String id,
        String title,
        String section,
        String unit,
        KpiCard.Tier tier,
        Polarity polarity,
        boolean onTrend,
        KpiSettings.Threshold threshold) {

    /**
     * An audit check counting offending records, judged on its value: positive with none, negative from one (a
     * tenant's own levels in {@code kpi.sentiment}).
     */
    static CardDefinition auditCheck(String id, String title, String section) {
        return new CardDefinition(id, title, section, "count", KpiCard.Tier.NON_HERO, Polarity.LOWER_IS_BETTER, false,
                new KpiSettings.Threshold(BigDecimal.ZERO, BigDecimal.ONE));
    }

    public enum Polarity { HIGHER_IS_BETTER, LOWER_IS_BETTER }

    private static final Map<String, CardDefinition> ALL = java.util.Collections.synchronizedMap(new LinkedHashMap<>());

    private static final BigDecimal FIVE = BigDecimal.valueOf(5);
    private static final BigDecimal TEN = BigDecimal.TEN;

    static {
        var hero = KpiCard.Tier.HERO;
        var detail = KpiCard.Tier.NON_HERO;
        var up = Polarity.HIGHER_IS_BETTER;
        var down = Polarity.LOWER_IS_BETTER;
        KpiSettings.Threshold grow = new KpiSettings.Threshold(FIVE, FIVE.negate());
        KpiSettings.Threshold shrink = new KpiSettings.Threshold(TEN.negate(), TEN);
        KpiSettings.Threshold noneIsGood = new KpiSettings.Threshold(BigDecimal.ZERO, null);
        define("revenue", "Total revenue", "sales", "currency", hero, up, true, grow);
        define("orders", "Sale orders", "sales", "count", hero, up, true, grow);
        define("aov", "Average order value", "sales", "currency", hero, up, true, grow);
        define("revenue-total", "Total revenue, all currencies", "sales", "currency", hero, up, true, grow);
        define("aov-total", "Average order value, all currencies", "sales", "currency", detail, up, true, grow);
        define("order-mix", "Confirmed share of open and confirmed orders", "sales", "ratio", detail, up, true, grow);
        define("cancellation-rate", "Cancellation rate", "sales", "ratio", detail, down, true, shrink);
        define("credit-note-rate", "Credit notes per invoice", "refunds", "ratio", detail, down, true, shrink);
        define("credit-note-amount-rate", "Credited share of invoiced amount", "refunds", "ratio", detail, down, true,
                shrink);
        define("refunds", "Refund amount", "refunds", "currency", detail, down, true, shrink);
        define("refunds-total", "Refund amount, all currencies", "refunds", "currency", detail, down, true, shrink);
        define("out-of-stock", "Products out of stock", "inventory", "count", hero, down, false, noneIsGood);
        define("low-stock", "Products low on stock", "inventory", "count", detail, down, false, noneIsGood);
        define("negative-stock", "Products with negative stock", "inventory", "count", detail, down, false,
                new KpiSettings.Threshold(BigDecimal.ZERO, BigDecimal.ONE));
        define("slow-movers", "Slow movers", "inventory", "count", detail, down, false, noneIsGood);
        define("new-customers", "New customers", "customers", "count", hero, up, true, grow);
        define("repeat-customers", "Returning customers", "customers", "count", detail, up, true, grow);
        define("repeat-customer-rate", "Returning customer rate", "customers", "ratio", detail, up, true, grow);
        define("churn-risk", "Customers at churn risk", "customers", "count", detail, down, false, null);
        define("churn-risk-value", "Lifetime value at churn risk", "customers", "currency", detail, down, false, null);
        define("top-customers", "Top 10 customers, lifetime spend", "customers", "currency", detail, up, false, null);
        define("invoiced", "Invoiced", "finance", "currency", detail, up, false, null);
        define("collected", "Paid or credited", "finance", "currency", detail, up, false, null);
        define("outstanding", "Outstanding receivables", "finance", "currency", detail, down, false, null);
        define("invoiced-total", "Invoiced, all currencies", "finance", "currency", detail, up, false, null);
        define("collected-total", "Paid or credited, all currencies", "finance", "currency", detail, up, false, null);
        define("outstanding-total", "Outstanding receivables, all currencies", "finance", "currency", detail, down,
                false, null);
        define("overdue", "Overdue receivables", "finance", "currency", hero, down, false, noneIsGood);
        define("overdue-total", "Overdue receivables, all currencies", "finance", "currency", detail, down, false,
                noneIsGood);
        define("payments", "Payments received by method", "finance", "currency", detail, up, true, grow);
        define("payments-total", "Payments received, all currencies", "finance", "currency", detail, up, true, grow);
        define("catalogue-missing-image", "Active products without image", "catalogue", "count", detail, down, false,
                noneIsGood);
        define("catalogue-missing-description", "Active products without sales description", "catalogue", "count",
                detail, down, false, noneIsGood);
        define("catalogue-missing-reference", "Active products without internal reference", "catalogue", "count",
                detail, down, false, noneIsGood);
        // Audit checks (docs/kpis.md, "Audit checks"): judged on their value against absolute levels.
        define("audit-credit-note-share", "Credit-note share of invoiced amount, 30 days", "audit-finance", "ratio",
                detail, down, false, new KpiSettings.Threshold(new BigDecimal("0.05"), new BigDecimal("0.10")));
        define("catalogue-missing-price", "Active products without price", "catalogue", "count", detail, down, false,
                noneIsGood);
    }

    private static void define(String id, String title, String section, String unit, KpiCard.Tier tier,
                               Polarity polarity, boolean onTrend, KpiSettings.Threshold threshold) {
        ALL.put(id, new CardDefinition(id, title, section, unit, tier, polarity, onTrend, threshold));
    }

    /**
     * Adds a card brought by a {@link CardFamily} (e.g. a cross-channel one). Registering the same definition again
     * is harmless; another definition under a taken id is refused, so no family can redefine a built-in card.
     */
    public static void register(CardDefinition definition) {
        CardDefinition taken = ALL.putIfAbsent(definition.id(), definition);
        if (taken != null && !taken.equals(definition)) {
            throw new IllegalArgumentException("card id " + definition.id() + " is already defined as " + taken);
        }
    }

    public static CardDefinition of(String id) {
        CardDefinition definition = ALL.get(id);
        if (definition == null) {
            throw new IllegalArgumentException("no card definition " + id);
        }
        return definition;
    }

    /** Every card id, so a tenant's sentiment levels can be checked against them. */
    public static java.util.Set<String> ids() {
        synchronized (ALL) {
            return java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(ALL.keySet()));
        }
    }
}
