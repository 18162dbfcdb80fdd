package io.odoopulse.kpi;

import static io.odoopulse.kpi.TruthChecks.card;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;

import io.odoopulse.canonical.CanonicalStore;
import io.odoopulse.canonical.DocumentStatus;
import io.odoopulse.canonical.Invoice;
import io.odoopulse.canonical.LocationKind;
import io.odoopulse.canonical.MoveStatus;
import io.odoopulse.canonical.Order;
import io.odoopulse.canonical.OrderStatus;
import io.odoopulse.canonical.PaymentState;
import io.odoopulse.canonical.Product;
import io.odoopulse.canonical.ProductKind;
import io.odoopulse.canonical.StockLevel;
import io.odoopulse.canonical.StockMove;
import io.odoopulse.support.TestDatabase;
import io.odoopulse.support.TestTenants;
import io.odoopulse.tenant.KpiSettings;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The audit checks on unrecognised revenue and on the web shop against an oracle of plain loops over generated
 * records, in a tenant whose days do not start at a UTC midnight (Los Angeles) and whose 7-day bound falls across
 * the switch from summer time (1 November 2026).
 */
class RevenueAndWebsiteAuditOracleTest {

    private static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");
    private static final Instant AS_OF = ZonedDateTime.of(2026, 11, 4, 9, 30, 0, 0, ZONE).toInstant();
    private static final LocalDate TODAY = AS_OF.atZone(ZONE).toLocalDate();
    private static final String T = "audit2";

    private final JdbcTemplate jdbc = TestDatabase.freshH2();
    private final CanonicalStore store = new CanonicalStore(jdbc);
    private final Random random = new Random(20261104);

    @Test
    void confirmedOrdersStillToInvoiceFromBeforeTheStartOfTheDaySevenDaysBackAreCountedSummedAndListed() {
        Instant bound = TODAY.minusDays(7).atStartOfDay(ZONE).toInstant();
        List<Order> orders = new ArrayList<>();
        for (long id = 1; id <= 600; id++) {
            // Around the bound to the minute, and further back.
            Instant at = id % 10 == 0 ? bound.plus(Duration.ofMinutes(random.nextInt(5) - 2))
                    : AS_OF.minus(Duration.ofMinutes(random.nextInt(60 * 24 * 30)));
            OrderStatus status = OrderStatus.values()[random.nextInt(OrderStatus.values().length)];
            String invoicing = List.of("to_invoice", "invoiced", "nothing", "upselling").get(random.nextInt(4));
            String currency = id % 3 == 0 ? "EUR" : "USD";
            BigDecimal total = BigDecimal.valueOf(random.nextInt(500_000) + 100, 2);
            orders.add(new Order(T, "odoo", "sale.order", id, "17.0", "S" + id, status, at, currency, 1L, "Co", 9L,
                    total, BigDecimal.ZERO, total, AS_OF, null, null, null, null, null, null, invoicing));
        }
        store.storeAll(orders);

        List<Order> expected = orders.stream().filter(o -> o.status() == OrderStatus.CONFIRMED
                        && "to_invoice".equals(o.invoiceStatus()) && o.orderedAt().isBefore(bound))
                .sorted(Comparator.comparing(Order::amountTotal).reversed().thenComparing(Order::sourceId)).toList();
        Map<String, BigDecimal> perCurrency = new TreeMap<>();
        expected.forEach(o -> perCurrency.merge(o.currency(), o.amountTotal(), BigDecimal::add));
        KpiCard uninvoiced = card(snapshot(KpiSettings.defaults()), "audit-uninvoiced-orders", "now", null);

        assertThat(expected).hasSizeGreaterThan(20);
        assertThat(uninvoiced.value()).isEqualByComparingTo(BigDecimal.valueOf(expected.size()));
        assertThat(parts(uninvoiced, "currency")).isEqualTo(perCurrency);
        assertThat(keys(uninvoiced, "sale.order")).containsExactlyElementsOf(expected.stream().limit(20)
                .map(o -> String.valueOf(o.sourceId())).toList());
        assertThat(uninvoiced.how().domain()).contains(List.of("date_order", "<", "2026-10-28 07:00:00"),
                List.of("invoice_status", "=", "to invoice"));
    }

    @Test
    void draftInvoicesDatedTheClosingCadenceOrMoreBeforeTodayAreCountedWithTheTenantsOwnCadence() {
        List<Invoice> invoices = new ArrayList<>();
        for (long id = 1; id <= 400; id++) {
            LocalDate date = TODAY.minusDays(random.nextInt(60));
            DocumentStatus status = id % 4 == 0 ? DocumentStatus.POSTED : id % 7 == 0 ? DocumentStatus.CANCELLED
                    : DocumentStatus.DRAFT;
            BigDecimal total = BigDecimal.valueOf(random.nextInt(200_000) + 100, 2);
            invoices.add(new Invoice(T, "odoo", "account.move", id, "17.0", status == DocumentStatus.DRAFT ? null
                    : "INV/" + id, status, PaymentState.NOT_PAID, null, null, 7L, "Azure", null, "USD", 1L, "Co",
                    total, BigDecimal.ZERO, total, total, AS_OF, total, total, date));
        }
        store.storeAll(invoices);

        for (int cadence : List.of(30, 7)) {
            LocalDate upTo = TODAY.minusDays(cadence);
            List<Invoice> expected = invoices.stream().filter(i -> i.status() == DocumentStatus.DRAFT
                    && !i.accountingDate().isAfter(upTo)).sorted(Comparator.comparing(Invoice::amountTotal)
                    .reversed().thenComparing(Invoice::sourceId)).toList();
            KpiSettings settings = new KpiSettings(Optional.empty(), BigDecimal.ONE, 90, 90, Map.of(),
                    KpiSettings.DEFAULT_MISSING_DATA_AFTER, 7, cadence);

            KpiCard drafts = card(snapshot(settings), "audit-stale-draft-invoices", "now", null);

            assertThat(drafts.value()).as("cadence %d", cadence).isEqualByComparingTo(BigDecimal.valueOf(
                    expected.size()));
            assertThat(keys(drafts, "account.move")).containsExactlyElementsOf(expected.stream().limit(20)
                    .map(i -> String.valueOf(i.sourceId())).toList());
            assertThat(drafts.how().domain()).contains(List.of("state", "=", "draft"),
                    List.of("date", "<=", upTo.toString()));
        }
    }

    @Test
    void publishedStockTrackedProductsWithNothingOnHandInTheMerchantsOwnLocationsAreOutOfStock() {
        List<Product> products = products();
        // Location 8 is internal, 5 a customer's: stock sent to a customer is no longer on hand.
        store.storeAll(List.of(move(1, 8L, LocationKind.INTERNAL), move(2, 5L, LocationKind.CUSTOMER)));
        List<StockLevel> quants = new ArrayList<>();
        Map<Long, BigDecimal> onHand = new HashMap<>();
        long quant = 1;
        for (Product p : products) {
            for (int i = random.nextInt(3); i > 0; i--) {
                long location = random.nextBoolean() ? 8L : 5L;
                BigDecimal qty = BigDecimal.valueOf(random.nextInt(7) - 3);
                quants.add(new StockLevel(T, "odoo", "stock.quant", quant++, "17.0", p.sourceId(), p.name(),
                        location, "WH/" + location, 1L, "Co", qty, BigDecimal.ZERO, AS_OF));
                if (location == 8L) {
                    onHand.merge(p.sourceId(), qty, BigDecimal::add);
                }
            }
        }
        store.storeAll(quants);

        List<Product> expected = products.stream().filter(p -> Boolean.TRUE.equals(p.published())
                        && Boolean.TRUE.equals(p.stockable()) && !Boolean.FALSE.equals(p.active())
                        && onHand.getOrDefault(p.sourceId(), BigDecimal.ZERO).signum() <= 0)
                .sorted(Comparator.comparing((Product p) -> onHand.getOrDefault(p.sourceId(), BigDecimal.ZERO))
                        .thenComparing(Product::sourceId)).toList();
        KpiCard outOfStock = card(snapshot(KpiSettings.defaults()), "audit-published-out-of-stock", "now", null);

        assertThat(expected).hasSizeGreaterThan(10);
        assertThat(outOfStock.value()).isEqualByComparingTo(BigDecimal.valueOf(expected.size()));
        assertThat(keys(outOfStock, "product")).containsExactlyElementsOf(expected.stream().limit(20)
                .map(p -> String.valueOf(p.sourceId())).toList());
        KpiCard.Breakdown first = outOfStock.breakdowns().get(0);
        assertThat(first.sku()).isEqualTo(expected.get(0).internalReference());
    }

    @Test
    void publishedActiveProductsMissingAnImageDescriptionReferenceOrPriceAreCatalogueGaps() {
        List<Product> products = products();

        List<Product> published = products.stream().filter(p -> Boolean.TRUE.equals(p.published())
                && !Boolean.FALSE.equals(p.active())).toList();
        Map<String, Long> perGap = new TreeMap<>();
        List<Product> expected = new ArrayList<>();
        for (Product p : published) {
            boolean image = !Boolean.TRUE.equals(p.hasImage());
            boolean description = !Boolean.TRUE.equals(p.hasDescription());
            boolean reference = p.internalReference() == null || p.internalReference().isEmpty();
            boolean price = p.price() == null || p.price().signum() == 0;
            perGap.merge("image", image ? 1L : 0L, Long::sum);
            perGap.merge("description", description ? 1L : 0L, Long::sum);
            perGap.merge("reference", reference ? 1L : 0L, Long::sum);
            perGap.merge("price", price ? 1L : 0L, Long::sum);
            if (image || description || reference || price) {
                expected.add(p);
            }
        }
        KpiCard gaps = card(snapshot(KpiSettings.defaults()), "audit-published-catalogue-gaps", "now", null);

        assertThat(expected).hasSizeGreaterThan(10).hasSizeLessThan(published.size());
        assertThat(gaps.value()).isEqualByComparingTo(BigDecimal.valueOf(expected.size()));
        Map<String, Long> counted = new TreeMap<>();
        gaps.breakdowns().stream().filter(b -> b.dimension().equals("gap")).forEach(b -> counted.put(b.key(),
                b.count()));
        assertThat(counted).isEqualTo(perGap);
        assertThat(keys(gaps, "product")).containsExactlyElementsOf(expected.stream().limit(20)
                .map(p -> String.valueOf(p.sourceId())).toList());
    }

    private List<Product> products() {
        List<Product> products = new ArrayList<>();
        for (long id = 1; id <= 200; id++) {
            boolean service = id % 6 == 0;
            String sku = random.nextInt(8) == 0 ? null : "SKU-" + id;
            BigDecimal price = random.nextInt(10) == 0 ? BigDecimal.ZERO : BigDecimal.valueOf(random.nextInt(9999), 2);
            Boolean published = id % 9 == 0 ? null : random.nextInt(3) > 0;
            products.add(new Product(T, "odoo", "product.product", id, "17.0", "P" + id, sku, "40" + id, id,
                    "All", service ? ProductKind.SERVICE : ProductKind.GOODS, !service, price, "USD", null, null,
                    random.nextInt(4) > 0, random.nextInt(5) > 0, true, random.nextInt(15) > 0, AS_OF, published));
        }
        store.storeAll(products);
        return products;
    }

    private static StockMove move(long id, Long location, LocationKind kind) {
        return new StockMove(T, "odoo", "stock.move", id, "17.0", "M" + id, 1L, "P1", BigDecimal.ONE, MoveStatus.DONE,
                AS_OF.minus(Duration.ofDays(400)), 99L, "Partners/Vendors", LocationKind.SUPPLIER, location,
                "L" + location, kind, 1L, "Co", AS_OF);
    }

    private KpiSnapshot snapshot(KpiSettings settings) {
        return new KpiAggregator(jdbc, TestTenants.with(T, AS_OF, ZONE, settings), List.of(7, 30, 90),
                Clock.fixed(AS_OF, ZoneOffset.UTC)).snapshot(T);
    }

    private static Map<String, BigDecimal> parts(KpiCard card, String dimension) {
        Map<String, BigDecimal> parts = new TreeMap<>();
        card.breakdowns().stream().filter(b -> b.dimension().equals(dimension)).forEach(b -> parts.put(b.key(),
                b.value()));
        return parts;
    }

    private static List<String> keys(KpiCard card, String dimension) {
        return card.breakdowns().stream().filter(b -> b.dimension().equals(dimension)).map(KpiCard.Breakdown::key)
                .toList();
    }
}
