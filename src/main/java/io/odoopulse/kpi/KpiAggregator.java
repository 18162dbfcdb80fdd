package io.odoopulse.kpi;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import io.odoopulse.canonical.CanonicalStore;
import io.odoopulse.canonical.Order;
import io.odoopulse.canonical.OrderStatus;
import io.odoopulse.tenant.Tenant;
import io.odoopulse.tenant.TenantRegistry;
import org.apache.camel.Header;

/**
 * Computes a tenant's sales cards from the canonical store: revenue, order count and average order value of
 * confirmed orders, per currency, for each window ending at the as-of time (see docs/kpis.md).
 */
public class KpiAggregator {

    static final String SOURCE = "odoo";

    private final CanonicalStore store;
    private final TenantRegistry tenants;
    private final List<Integer> windowsDays;
    private final Clock clock;

    public KpiAggregator(CanonicalStore store, TenantRegistry tenants, List<Integer> windowsDays, Clock clock) {
        this.store = store;
        this.tenants = tenants;
        this.windowsDays = windowsDays.stream().sorted().toList();
        this.clock = clock;
    }

    public KpiSnapshot snapshot(@Header("pulseTenant") String tenantId) {
        Tenant tenant = tenants.get(tenantId);
        Instant asOf = tenant.asOf().orElseGet(clock::instant);
        int longest = windowsDays.get(windowsDays.size() - 1);
        List<Order> confirmed = store.ordered(tenantId, OrderStatus.CONFIRMED,
                asOf.minus(Duration.ofDays(longest)), asOf);
        // Every currency seen in the longest window gets a card in every window, zero where it had no sales.
        TreeSet<String> currencies = new TreeSet<>();
        confirmed.forEach(o -> currencies.add(o.currency()));
        List<KpiCard> cards = new ArrayList<>();
        for (int days : windowsDays) {
            Instant start = asOf.minus(Duration.ofDays(days));
            Map<String, Totals> byCurrency = new TreeMap<>();
            currencies.forEach(c -> byCurrency.put(c, new Totals()));
            for (Order order : confirmed) {
                if (!order.orderedAt().isBefore(start)) {
                    byCurrency.get(order.currency()).add(order.amountTotal());
                }
            }
            String window = days + "d";
            byCurrency.forEach((currency, totals) -> {
                cards.add(new KpiCard("revenue", "Total revenue", window, start, asOf, currency, "currency",
                        totals.revenue));
                cards.add(new KpiCard("orders", "Sale orders", window, start, asOf, currency, "count",
                        BigDecimal.valueOf(totals.orders)));
                cards.add(new KpiCard("aov", "Average order value", window, start, asOf, currency, "currency",
                        totals.averageOrderValue()));
            });
        }
        return new KpiSnapshot(tenantId, tenant.name(), SOURCE, asOf, clock.instant(), cards);
    }

    private static final class Totals {
        private BigDecimal revenue = BigDecimal.ZERO.setScale(2);
        private long orders;

        void add(BigDecimal amount) {
            revenue = revenue.add(amount);
            orders++;
        }

        /** Revenue over orders, rounded half-up to the cent; undefined without orders. */
        BigDecimal averageOrderValue() {
            return orders == 0 ? null : revenue.divide(BigDecimal.valueOf(orders), 2, RoundingMode.HALF_UP);
        }
    }
}
