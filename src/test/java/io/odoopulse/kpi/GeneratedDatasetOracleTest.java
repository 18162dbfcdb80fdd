package io.odoopulse.kpi;

import static io.odoopulse.kpi.TruthChecks.card;
import static io.odoopulse.kpi.TruthChecks.part;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import io.odoopulse.canonical.CanonicalStore;
import io.odoopulse.canonical.Company;
import io.odoopulse.canonical.CurrencyRate;
import io.odoopulse.canonical.DocumentStatus;
import io.odoopulse.canonical.Invoice;
import io.odoopulse.canonical.LocationKind;
import io.odoopulse.canonical.MoveStatus;
import io.odoopulse.canonical.Order;
import io.odoopulse.canonical.OrderStatus;
import io.odoopulse.canonical.PartnerRole;
import io.odoopulse.canonical.Payment;
import io.odoopulse.canonical.PaymentDirection;
import io.odoopulse.canonical.PaymentState;
import io.odoopulse.canonical.Product;
import io.odoopulse.canonical.ProductKind;
import io.odoopulse.canonical.StockLevel;
import io.odoopulse.canonical.StockMove;
import io.odoopulse.support.TestDatabase;
import io.odoopulse.support.TestTenants;
import io.odoopulse.tenant.KpiSettings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A generated tenant in Auckland (UTC+13 in November) with two companies, two currencies and daily rates, orders
 * cancelled and re-confirmed, partially paid invoices and archived products. An oracle written with plain loops over
 * the generated records, independent of the aggregator's SQL, must agree with every card it checks.
 */
class GeneratedDatasetOracleTest {

    private static final ZoneId ZONE = ZoneId.of("Pacific/Auckland");
    /** Local midnight in Auckland, so windows are whole local days that do not start at a UTC midnight. */
    private static final Instant AS_OF = ZonedDateTime.of(2026, 11, 22, 0, 0, 0, 0, ZONE).toInstant();
    private static final String T = "gen";

    private final JdbcTemplate jdbc = TestDatabase.freshH2();
    private final CanonicalStore store = new CanonicalStore(jdbc);
    private final Random random = new Random(20261122);
    private final Map<Long, Order> orders = new LinkedHashMap<>();
    private final List<Invoice> invoices = new ArrayList<>();
    private final List<Payment> payments = new ArrayList<>();
    private final List<Product> products = new ArrayList<>();
    private final Map<Long, BigDecimal> onHand = new HashMap<>();
    private final Map<String, BigDecimal> eurRates = new HashMap<>();
    private KpiSnapshot snapshot;

    @BeforeEach
    void generateAndAggregate() {
        store.storeAll(List.of(
                new Company(T, "odoo", "res.company", 1, "17.0", "US Inc", "USD", null, true, AS_OF),
                new Company(T, "odoo", "res.company", 2, "17.0", "EU BV", "EUR", null, true, AS_OF)));
        // One EUR rate per day for company 1 (USD based); company 2 keeps EUR and needs none.
        List<CurrencyRate> rates = new ArrayList<>();
        LocalDate day = LocalDate.of(2026, 1, 1);
        for (int i = 0; i < 400; i++, day = day.plusDays(1)) {
            BigDecimal rate = new BigDecimal("0.9").add(BigDecimal.valueOf(random.nextInt(1000), 4));
            eurRates.put(day.toString(), rate);
            rates.add(new CurrencyRate(T, "odoo", "res.currency.rate", i + 1, "17.0", "EUR", day, rate, 1L, "US Inc",
                    AS_OF));
        }
        store.storeAll(rates);
        for (long id = 1; id <= 3000; id++) {
            // Many orders within hours of the local and UTC midnights around the window starts.
            Instant at = AS_OF.minus(random.nextInt(200), ChronoUnit.DAYS).minus(random.nextInt(26 * 60), ChronoUnit.MINUTES);
            long company = random.nextInt(3) == 0 ? 2 : 1;
            String currency = company == 2 || random.nextInt(4) == 0 ? "EUR" : "USD";
            OrderStatus status = OrderStatus.values()[random.nextInt(3)];
            BigDecimal total = BigDecimal.valueOf(random.nextInt(500_000) + 1, 2);
            Order order = new Order(T, "odoo", "sale.order", id, "17.0", "S" + id, status, at, currency, company,
                    company == 1 ? "US Inc" : "EU BV", (long) (1 + random.nextInt(150)), total, BigDecimal.ZERO, total,
                    at);
            orders.put(id, order);
        }
        store.storeAll(List.copyOf(orders.values()));
        // Cancel some confirmed orders and re-confirm others later: only the latest version may count.
        List<Order> changes = new ArrayList<>();
        for (Order o : orders.values()) {
            if (random.nextInt(10) == 0) {
                OrderStatus next = o.status() == OrderStatus.CONFIRMED ? OrderStatus.CANCELLED : OrderStatus.CONFIRMED;
                changes.add(new Order(T, "odoo", "sale.order", o.sourceId(), "17.0", o.name(), next, o.orderedAt(),
                        o.currency(), o.companyId(), o.company(), o.customerId(), o.amountUntaxed(), o.amountTax(),
                        o.amountTotal(), o.updatedAt().plusSeconds(60)));
            }
        }
        store.storeAll(changes);
        changes.forEach(o -> orders.put(o.sourceId(), o));
        for (long id = 1; id <= 400; id++) {
            LocalDate date = AS_OF.atZone(ZONE).toLocalDate().minusDays(random.nextInt(150));
            BigDecimal total = BigDecimal.valueOf(random.nextInt(200_000) + 100, 2);
            int kind = random.nextInt(3);
            BigDecimal residual = kind == 0 ? total : kind == 1 ? total.divide(BigDecimal.valueOf(3), 2,
                    RoundingMode.DOWN) : BigDecimal.ZERO;
            PaymentState state = kind == 0 ? PaymentState.NOT_PAID : kind == 1 ? PaymentState.PARTIAL : PaymentState.PAID;
            String currency = random.nextBoolean() ? "USD" : "EUR";
            invoices.add(new Invoice(T, "odoo", "account.move", id, "17.0", "INV" + id, DocumentStatus.POSTED, state,
                    date, date.plusDays(random.nextInt(60)), 1L, "c", null, currency, 1L, "US Inc", total,
                    BigDecimal.ZERO, total, residual, AS_OF));
        }
        store.storeAll(invoices);
        // Customer receipts in both currencies, some drafts and some vendor payments that must not count.
        for (long id = 1; id <= 300; id++) {
            LocalDate paidOn = AS_OF.atZone(ZONE).toLocalDate().minusDays(1 + random.nextInt(190));
            DocumentStatus status = random.nextInt(8) == 0 ? DocumentStatus.DRAFT : DocumentStatus.POSTED;
            PartnerRole role = random.nextInt(6) == 0 ? PartnerRole.SUPPLIER : PartnerRole.CUSTOMER;
            PaymentDirection direction = role == PartnerRole.SUPPLIER ? PaymentDirection.OUTBOUND
                    : PaymentDirection.INBOUND;
            String currency = random.nextBoolean() ? "USD" : "EUR";
            payments.add(new Payment(T, "odoo", "account.payment", id, "17.0", "PAY" + id, status, paidOn, direction,
                    role, 1L, "c", BigDecimal.valueOf(random.nextInt(100_000) + 1, 2), currency, 1L, "US Inc",
                    random.nextBoolean() ? 6L : 7L, random.nextBoolean() ? "Bank" : "Cash", "manual", true, AS_OF));
        }
        store.storeAll(payments);
        List<StockLevel> levels = new ArrayList<>();
        List<StockMove> moves = new ArrayList<>();
        for (long id = 1; id <= 60; id++) {
            boolean active = id % 7 != 0;
            products.add(new Product(T, "odoo", "product.product", id, "17.0", "P" + id, id % 5 == 0 ? null : "R" + id,
                    null, id, "All", ProductKind.GOODS, true, BigDecimal.TEN, "USD", null, null, id % 3 != 0,
                    id % 4 != 0, true, active, AS_OF));
            BigDecimal qty = BigDecimal.valueOf(random.nextInt(12) - 3);
            onHand.put(id, qty);
            levels.add(new StockLevel(T, "odoo", "stock.quant", id, "17.0", id, "P" + id, 8L, "WH/Stock", 1L, "US Inc",
                    qty, BigDecimal.ZERO, AS_OF));
            // A quant in a customer location is not stock on hand.
            levels.add(new StockLevel(T, "odoo", "stock.quant", 1000 + id, "17.0", id, "P" + id, 5L, "Customers", 1L,
                    "US Inc", BigDecimal.valueOf(50), BigDecimal.ZERO, AS_OF));
            moves.add(new StockMove(T, "odoo", "stock.move", id, "17.0", "M" + id, id, "P" + id, BigDecimal.ONE,
                    MoveStatus.DONE, AS_OF.minus(id * 3, ChronoUnit.DAYS), 8L, "WH/Stock", LocationKind.INTERNAL, 5L,
                    "Customers", LocationKind.CUSTOMER, 1L, "US Inc", AS_OF));
        }
        store.storeAll(products);
        store.storeAll(levels);
        store.storeAll(moves);
        KpiSettings settings = new KpiSettings(Optional.of("USD"), BigDecimal.valueOf(4), 60, 45, Map.of());
        snapshot = new KpiAggregator(jdbc, TestTenants.with(T, AS_OF, ZONE, settings), List.of(7, 30, 90),
                Clock.fixed(AS_OF, ZoneOffset.UTC)).snapshot(T);
    }

    @Test
    void salesCardsAndTheirPreviousPeriodsAgreeWithTheOracleOnLocalDayBoundaries() {
        for (int days : List.of(7, 30, 90)) {
            Instant start = AS_OF.atZone(ZONE).minusDays(days).toInstant();
            Instant previousStart = AS_OF.atZone(ZONE).minusDays(2L * days).toInstant();
            for (String currency : List.of("USD", "EUR")) {
                BigDecimal revenue = BigDecimal.ZERO;
                BigDecimal previous = BigDecimal.ZERO;
                long n = 0;
                for (Order o : orders.values()) {
                    if (o.status() == OrderStatus.CONFIRMED && o.currency().equals(currency)) {
                        if (!o.orderedAt().isBefore(start) && o.orderedAt().isBefore(AS_OF)) {
                            revenue = revenue.add(o.amountTotal());
                            n++;
                        } else if (!o.orderedAt().isBefore(previousStart) && o.orderedAt().isBefore(start)) {
                            previous = previous.add(o.amountTotal());
                        }
                    }
                }
                KpiCard card = card(snapshot, "revenue", days + "d", currency);
                assertThat(card.value()).as("revenue %dd %s", days, currency).isEqualByComparingTo(revenue);
                assertThat(card.previousValue()).isEqualByComparingTo(previous);
                assertThat(card.windowStart()).isEqualTo(start);
                assertThat(card(snapshot, "orders", days + "d", currency).value()).isEqualByComparingTo(
                        BigDecimal.valueOf(n));
                assertThat(card(snapshot, "aov", days + "d", currency).value()).isEqualByComparingTo(
                        revenue.divide(BigDecimal.valueOf(n), 2, RoundingMode.HALF_UP));
            }
        }
    }

    @Test
    void cancellationRateCountsTheLatestVersionOfEveryOrder() {
        Instant start = AS_OF.atZone(ZONE).minusDays(30).toInstant();
        long all = 0;
        long cancelled = 0;
        for (Order o : orders.values()) {
            if (!o.orderedAt().isBefore(start) && o.orderedAt().isBefore(AS_OF)) {
                all++;
                if (o.status() == OrderStatus.CANCELLED) {
                    cancelled++;
                }
            }
        }
        assertThat(card(snapshot, "cancellation-rate", "30d", null).value()).isEqualByComparingTo(
                BigDecimal.valueOf(cancelled).divide(BigDecimal.valueOf(all), 4, RoundingMode.HALF_EVEN));
    }

    @Test
    void revenueInTheReportingCurrencyConvertsEachOrderAtTheRateOfItsDay() {
        Instant start = AS_OF.atZone(ZONE).minusDays(90).toInstant();
        BigDecimal total = BigDecimal.ZERO;
        for (Order o : orders.values()) {
            if (o.status() == OrderStatus.CONFIRMED && !o.orderedAt().isBefore(start) && o.orderedAt().isBefore(AS_OF)) {
                BigDecimal amount = o.amountTotal();
                if (o.currency().equals("EUR")) {
                    // Company 2 keeps EUR and has no USD rate: Odoo counts a missing rate as 1.
                    BigDecimal rate = o.companyId() == 1
                            ? eurRates.get(o.orderedAt().atZone(ZoneOffset.UTC).toLocalDate().toString())
                            : BigDecimal.ONE;
                    amount = amount.divide(rate, MathContext.DECIMAL128);
                }
                total = total.add(amount);
            }
        }
        assertThat(card(snapshot, "revenue-total", "90d", "USD").value())
                .isEqualByComparingTo(total.setScale(2, RoundingMode.HALF_UP));
    }

    @Test
    void averageOrderValueInTheReportingCurrencyDividesTheConvertedRevenueByEveryConfirmedOrder() {
        for (int days : List.of(7, 30, 90)) {
            Instant start = AS_OF.atZone(ZONE).minusDays(days).toInstant();
            BigDecimal total = BigDecimal.ZERO;
            long n = 0;
            for (Order o : orders.values()) {
                if (o.status() == OrderStatus.CONFIRMED && !o.orderedAt().isBefore(start)
                        && o.orderedAt().isBefore(AS_OF)) {
                    total = total.add(toUsd(o.amountTotal(), o.currency(), o.companyId(),
                            o.orderedAt().atZone(ZoneOffset.UTC).toLocalDate()));
                    n++;
                }
            }
            assertThat(card(snapshot, "aov-total", days + "d", "USD").value()).as("%d days", days)
                    .isEqualByComparingTo(total.divide(BigDecimal.valueOf(n), 2, RoundingMode.HALF_UP));
        }
    }

    @Test
    void invoicedCollectedAndOutstandingInTheReportingCurrencyConvertEachInvoiceAtTheRateOfItsDate() {
        BigDecimal invoiced = BigDecimal.ZERO;
        BigDecimal outstanding = BigDecimal.ZERO;
        for (Invoice i : invoices) {
            invoiced = invoiced.add(toUsd(i.amountTotal(), i.currency(), i.companyId(), i.invoiceDate()));
            outstanding = outstanding.add(toUsd(i.amountResidual(), i.currency(), i.companyId(), i.invoiceDate()));
        }
        assertThat(card(snapshot, "invoiced-total", "lifetime", "USD").value())
                .isEqualByComparingTo(invoiced.setScale(2, RoundingMode.HALF_UP));
        assertThat(card(snapshot, "outstanding-total", "lifetime", "USD").value())
                .isEqualByComparingTo(outstanding.setScale(2, RoundingMode.HALF_UP));
        assertThat(card(snapshot, "collected-total", "lifetime", "USD").value())
                .isEqualByComparingTo(invoiced.subtract(outstanding).setScale(2, RoundingMode.HALF_UP));
    }

    @Test
    void customerReceiptsPerWindowInEachCurrencyAndConvertedAtTheRateOfTheirDay() {
        for (int days : List.of(7, 30, 90)) {
            LocalDate end = AS_OF.atZone(ZONE).toLocalDate();
            LocalDate start = end.minusDays(days);
            Map<String, BigDecimal> byCurrency = new HashMap<>();
            BigDecimal converted = BigDecimal.ZERO;
            for (Payment p : payments) {
                if (p.status() == DocumentStatus.POSTED && p.partnerRole() == PartnerRole.CUSTOMER
                        && !p.paidOn().isBefore(start) && p.paidOn().isBefore(end)) {
                    byCurrency.merge(p.currency(), p.amount(), BigDecimal::add);
                    converted = converted.add(toUsd(p.amount(), p.currency(), p.companyId(), p.paidOn()));
                }
            }
            for (String currency : List.of("USD", "EUR")) {
                assertThat(card(snapshot, "payments", days + "d", currency).value()).as("%s %d days", currency, days)
                        .isEqualByComparingTo(byCurrency.getOrDefault(currency, BigDecimal.ZERO));
            }
            assertThat(card(snapshot, "payments-total", days + "d", "USD").value()).as("%d days", days)
                    .isEqualByComparingTo(converted.setScale(2, RoundingMode.HALF_UP));
        }
    }

    /** Company 1 (USD) has a EUR rate per day; company 2 keeps EUR and has no USD rate: Odoo counts it as 1. */
    private BigDecimal toUsd(BigDecimal amount, String currency, Long companyId, LocalDate day) {
        if (currency.equals("USD")) {
            return amount;
        }
        BigDecimal rate = companyId == 1 ? eurRates.get(day.toString()) : BigDecimal.ONE;
        return amount.divide(rate, MathContext.DECIMAL128);
    }

    @Test
    void overdueReceivablesAgeByDaysPastDueOnTheTenantsCalendar() {
        LocalDate today = AS_OF.atZone(ZONE).toLocalDate();
        Map<String, BigDecimal> buckets = new HashMap<>();
        BigDecimal usd = BigDecimal.ZERO;
        for (Invoice i : invoices) {
            if (i.currency().equals("USD") && i.dueDate().isBefore(today) && i.paymentState() != PaymentState.PAID) {
                long age = ChronoUnit.DAYS.between(i.dueDate(), today);
                String bucket = age <= 30 ? "1-30" : age <= 60 ? "31-60" : age <= 90 ? "61-90" : "90+";
                buckets.merge(bucket, i.amountResidual(), BigDecimal::add);
                usd = usd.add(i.amountResidual());
            }
        }
        KpiCard overdue = card(snapshot, "overdue", "now", "USD");
        assertThat(overdue.value()).isEqualByComparingTo(usd);
        for (String bucket : List.of("1-30", "31-60", "61-90", "90+")) {
            assertThat(part(overdue, "age", bucket).value()).as(bucket)
                    .isEqualByComparingTo(buckets.getOrDefault(bucket, BigDecimal.ZERO));
        }
        BigDecimal partlyPaid = invoices.stream().filter(i -> i.currency().equals("USD")
                && i.paymentState() == PaymentState.PARTIAL).map(i -> i.amountTotal().subtract(i.amountResidual()))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal fullyPaid = invoices.stream().filter(i -> i.currency().equals("USD")
                && i.paymentState() == PaymentState.PAID).map(Invoice::amountTotal)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(card(snapshot, "collected", "lifetime", "USD").value()).isEqualByComparingTo(
                partlyPaid.add(fullyPaid));
    }

    @Test
    void newCustomersAreThoseWhoseFirstConfirmedOrderEverFallsInTheWindow() {
        Instant start = AS_OF.atZone(ZONE).minusDays(30).toInstant();
        Map<Long, Instant> first = new HashMap<>();
        Map<Long, Boolean> active = new HashMap<>();
        for (Order o : orders.values()) {
            if (o.status() == OrderStatus.CONFIRMED && o.orderedAt().isBefore(AS_OF)) {
                first.merge(o.customerId(), o.orderedAt(), (a, b) -> a.isBefore(b) ? a : b);
                if (!o.orderedAt().isBefore(start)) {
                    active.put(o.customerId(), true);
                }
            }
        }
        long fresh = active.keySet().stream().filter(c -> !first.get(c).isBefore(start)).count();
        assertThat(card(snapshot, "new-customers", "30d", null).value()).isEqualByComparingTo(
                BigDecimal.valueOf(fresh));
        assertThat(card(snapshot, "repeat-customers", "30d", null).value()).isEqualByComparingTo(
                BigDecimal.valueOf(active.size() - fresh));
    }

    @Test
    void stockAndCatalogueCardsIgnoreArchivedProductsAndNonInternalLocations() {
        long out = 0;
        long low = 0;
        long negative = 0;
        long slow = 0;
        long noImage = 0;
        for (Product p : products) {
            if (!p.active()) {
                continue;
            }
            BigDecimal q = onHand.get(p.sourceId());
            out += q.signum() <= 0 ? 1 : 0;
            low += q.signum() > 0 && q.compareTo(BigDecimal.valueOf(4)) < 0 ? 1 : 0;
            negative += q.signum() < 0 ? 1 : 0;
            // The product's only outgoing move was p*3 x 24 h ago; slow when that is before the local calendar day 60
            // days back (New Zealand's DST change makes 60 days on the calendar one hour shorter than 60 x 24 h).
            Instant lastOut = AS_OF.minus(p.sourceId() * 3, ChronoUnit.DAYS);
            slow += q.signum() > 0 && lastOut.isBefore(AS_OF.atZone(ZONE).minusDays(60).toInstant()) ? 1 : 0;
            noImage += p.hasImage() ? 0 : 1;
        }
        assertThat(card(snapshot, "out-of-stock", "now", null).value()).isEqualByComparingTo(BigDecimal.valueOf(out));
        assertThat(card(snapshot, "low-stock", "now", null).value()).isEqualByComparingTo(BigDecimal.valueOf(low));
        assertThat(card(snapshot, "negative-stock", "now", null).value())
                .isEqualByComparingTo(BigDecimal.valueOf(negative));
        assertThat(card(snapshot, "slow-movers", "now", null).value()).isEqualByComparingTo(BigDecimal.valueOf(slow));
        assertThat(card(snapshot, "catalogue-missing-image", "now", null).value())
                .isEqualByComparingTo(BigDecimal.valueOf(noImage));
    }
}
