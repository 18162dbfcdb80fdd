package io.odoopulse.kpi;

import static io.odoopulse.kpi.TruthChecks.card;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Clock;
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

import io.odoopulse.canonical.CanonicalStore;
import io.odoopulse.canonical.Company;
import io.odoopulse.canonical.CreditNote;
import io.odoopulse.canonical.DocumentStatus;
import io.odoopulse.canonical.Invoice;
import io.odoopulse.canonical.Location;
import io.odoopulse.canonical.LocationKind;
import io.odoopulse.canonical.MappingFile;
import io.odoopulse.canonical.MappingLoader;
import io.odoopulse.canonical.PaymentState;
import io.odoopulse.canonical.ReorderRule;
import io.odoopulse.canonical.StockLevel;
import io.odoopulse.demo.simulator.OdooFlavour;
import io.odoopulse.demo.simulator.OdooSimulator;
import io.odoopulse.demo.simulator.SimulatorSettings;
import io.odoopulse.support.TestDatabase;
import io.odoopulse.support.TestTenants;
import io.odoopulse.tenant.KpiSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The audit checks against an oracle of plain loops over generated records, in a tenant whose local days do not
 * start at a UTC midnight (Los Angeles), with a USD company and a EUR company.
 */
class AuditChecksOracleTest {

    private static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");
    private static final Instant AS_OF = ZonedDateTime.of(2026, 11, 22, 9, 30, 0, 0, ZONE).toInstant();
    private static final LocalDate TODAY = AS_OF.atZone(ZONE).toLocalDate();
    private static final String T = "audit";

    private final JdbcTemplate jdbc = TestDatabase.freshH2();
    private final Random random = new Random(1122);

    @Test
    void theCreditNoteShareIsThePostedCreditNotesOfTheLast30DaysAgainstTheInvoicesInEachCompanyCurrency() {
        List<Invoice> invoices = new ArrayList<>();
        List<CreditNote> creditNotes = new ArrayList<>();
        for (long id = 1; id <= 500; id++) {
            long company = id % 3 == 0 ? 2 : 1;
            LocalDate day = TODAY.minusDays(random.nextInt(70));
            BigDecimal total = BigDecimal.valueOf(random.nextInt(300_000) + 100, 2);
            // The EUR company's books hold EUR; the USD company's hold what Odoo converted (amount_total_signed).
            BigDecimal booked = company == 2 ? total : total.multiply(new BigDecimal("1.08")).setScale(2,
                    RoundingMode.HALF_UP);
            DocumentStatus status = random.nextInt(10) == 0 ? DocumentStatus.DRAFT : DocumentStatus.POSTED;
            invoices.add(new Invoice(T, "odoo", "account.move", id, "17.0", "INV/" + id, status,
                    PaymentState.NOT_PAID, day, day.plusDays(30), 7L, "Azure", null, company == 2 ? "EUR" : "GBP",
                    company, company == 2 ? "EU BV" : "US Inc", total, BigDecimal.ZERO, total, total, AS_OF,
                    booked, booked));
            if (id % 5 == 0) {
                LocalDate refunded = day.plusDays(random.nextInt(5));
                BigDecimal part = total.divide(BigDecimal.valueOf(1 + random.nextInt(3)), 2, RoundingMode.DOWN);
                BigDecimal bookedPart = company == 2 ? part : part.multiply(new BigDecimal("1.08")).setScale(2,
                        RoundingMode.HALF_UP);
                creditNotes.add(new CreditNote(T, "odoo", "account.move", 10_000 + id, "17.0", "RINV/" + id,
                        random.nextInt(8) == 0 ? DocumentStatus.CANCELLED : DocumentStatus.POSTED,
                        PaymentState.NOT_PAID, refunded, refunded, 7L, "Azure", id, "INV/" + id,
                        company == 2 ? "EUR" : "GBP", company, company == 2 ? "EU BV" : "US Inc", part,
                        BigDecimal.ZERO, part, part, AS_OF, bookedPart.negate(), bookedPart.negate()));
            }
        }
        KpiSnapshot snapshot = snapshot(invoices, creditNotes);

        LocalDate from = TODAY.minusDays(30);
        for (String currency : List.of("USD", "EUR")) {
            long company = currency.equals("EUR") ? 2 : 1;
            BigDecimal invoiced = BigDecimal.ZERO;
            for (Invoice i : invoices) {
                if (i.companyId() == company && i.status() == DocumentStatus.POSTED && within(i.invoiceDate(), from)) {
                    invoiced = invoiced.add(i.companyAmountTotal());
                }
            }
            List<CreditNote> inWindow = creditNotes.stream().filter(c -> c.companyId() == company
                    && c.status() == DocumentStatus.POSTED && within(c.invoiceDate(), from))
                    .sorted(Comparator.comparing((CreditNote c) -> c.companyAmountTotal().abs()).reversed()
                            .thenComparing(CreditNote::sourceId)).toList();
            BigDecimal credited = inWindow.stream().map(c -> c.companyAmountTotal().abs())
                    .reduce(BigDecimal.ZERO, BigDecimal::add);

            KpiCard share = card(snapshot, "audit-credit-note-share", "30d", currency);

            assertThat(inWindow).as("credit notes of %s in the window", currency).hasSizeGreaterThan(5);
            assertThat(share.value()).as(currency).isEqualByComparingTo(credited.divide(invoiced, 4,
                    RoundingMode.HALF_EVEN));
            assertThat(share.breakdowns()).extracting(KpiCard.Breakdown::key).containsExactlyElementsOf(inWindow
                    .stream().limit(20).map(c -> String.valueOf(c.sourceId())).toList());
            assertThat(share.breakdowns().get(0).value()).isEqualByComparingTo(inWindow.get(0)
                    .companyAmountTotal().abs());
        }
    }

    @Test
    void aCreditNoteShareAboveTheTenantsLevelIsJudgedNegativeAndBelowItPositive() {
        LocalDate day = TODAY.minusDays(3);
        List<Invoice> invoices = List.of(new Invoice(T, "odoo", "account.move", 1, "17.0", "INV/1",
                DocumentStatus.POSTED, PaymentState.NOT_PAID, day, day, 7L, "Azure", null, "USD", 1L, "US Inc",
                new BigDecimal("1000"), BigDecimal.ZERO, new BigDecimal("1000"), new BigDecimal("1000"), AS_OF,
                new BigDecimal("1000"), new BigDecimal("1000")));
        List<CreditNote> creditNotes = List.of(new CreditNote(T, "odoo", "account.move", 2, "17.0", "RINV/1",
                DocumentStatus.POSTED, PaymentState.NOT_PAID, day, day, 7L, "Azure", 1L, "INV/1", "USD", 1L,
                "US Inc", new BigDecimal("120"), BigDecimal.ZERO, new BigDecimal("120"), new BigDecimal("120"), AS_OF,
                new BigDecimal("-120"), new BigDecimal("-120")));

        KpiCard byDefault = card(snapshot(invoices, creditNotes), "audit-credit-note-share", "30d", "USD");
        KpiCard lenient = card(snapshot(invoices, creditNotes, Map.of("audit-credit-note-share",
                new KpiSettings.Threshold(new BigDecimal("0.15"), new BigDecimal("0.20")))), "audit-credit-note-share",
                "30d", "USD");

        assertThat(byDefault.value()).isEqualByComparingTo("0.12");
        assertThat(byDefault.sentiment()).as("12 %% against the default 10 %%").isEqualTo(KpiCard.Sentiment.NEGATIVE);
        assertThat(lenient.sentiment()).as("12 %% against a tenant's 15 %%").isEqualTo(KpiCard.Sentiment.POSITIVE);
    }

    @Test
    void productsBelowTheirReorderPointAreTheActiveRulesWithLessOnHandInTheirLocationAndItsChildrenThanTheMinimum() {
        // Two companies whose stock locations share a full name: the hierarchy, not the name, decides.
        Map<Long, Long> parent = Map.of(20L, 8L, 21L, 20L, 31L, 30L, 40L, 8L);
        Map<Long, String> names = Map.of(8L, "WH/Stock", 20L, "WH/Stock/Shelf 1", 21L, "WH/Stock/Shelf 1/Bin A",
                30L, "WH/Stock", 31L, "WH/Stock/Shelf 1", 40L, "WH/Stock/Shelf 10", 50L, "WH/Stock2");
        Map<Long, Long> companyOf = Map.of(8L, 1L, 20L, 1L, 21L, 1L, 30L, 2L, 31L, 2L, 40L, 1L, 50L, 1L);
        List<Long> locations = List.of(8L, 20L, 21L, 30L, 31L, 40L, 50L);
        List<StockLevel> levels = new ArrayList<>();
        long quantId = 1;
        for (long product = 1; product <= 40; product++) {
            for (long location : locations) {
                if (random.nextInt(3) == 0) {
                    continue;
                }
                BigDecimal onHand = BigDecimal.valueOf(random.nextInt(2400) - 400, 2);
                levels.add(new StockLevel(T, "odoo", "stock.quant", quantId++, "17.0", product, "P" + product,
                        location, names.get(location), companyOf.get(location), "C" + companyOf.get(location), onHand,
                        BigDecimal.ZERO, AS_OF));
            }
        }
        List<ReorderRule> rules = new ArrayList<>();
        for (long id = 1; id <= 120; id++) {
            long location = locations.get(random.nextInt(locations.size()));
            long product = 1 + random.nextInt(40);
            rules.add(new ReorderRule(T, "odoo", "stock.warehouse.orderpoint", id, "17.0", product, "P" + product,
                    location, names.get(location), companyOf.get(location), "W" + companyOf.get(location),
                    companyOf.get(location), "C" + companyOf.get(location), BigDecimal.valueOf(random.nextInt(40)),
                    BigDecimal.valueOf(50), random.nextInt(5) == 0 ? "manual" : "auto", random.nextInt(8) != 0,
                    AS_OF));
        }

        KpiCard card = card(stockSnapshot(levels, rules, locations(parent, names, companyOf)),
                "audit-below-reorder-point", "now", null);

        Map<Long, BigDecimal> onHandOf = new HashMap<>();
        List<ReorderRule> below = new ArrayList<>();
        for (ReorderRule rule : rules) {
            if (!rule.active()) {
                continue;
            }
            BigDecimal onHand = BigDecimal.ZERO;
            for (StockLevel level : levels) {
                if (level.productId().equals(rule.productId()) && within(level.locationId(), rule.locationId(),
                        parent)) {
                    onHand = onHand.add(level.onHand());
                }
            }
            onHandOf.put(rule.sourceId(), onHand);
            if (onHand.compareTo(rule.minQuantity()) < 0) {
                below.add(rule);
            }
        }
        below.sort(Comparator.comparing((ReorderRule r) -> r.minQuantity().subtract(onHandOf.get(r.sourceId())))
                .reversed().thenComparing(ReorderRule::sourceId));

        assertThat(below).as("rules below").hasSizeBetween(20, 100);
        assertThat(card.value()).isEqualByComparingTo(BigDecimal.valueOf(below.size()));
        List<KpiCard.Breakdown> listed = card.breakdowns().stream()
                .filter(b -> b.dimension().equals("stock.warehouse.orderpoint")).toList();
        assertThat(listed).extracting(KpiCard.Breakdown::key).containsExactlyElementsOf(below.stream().limit(20)
                .map(r -> String.valueOf(r.sourceId())).toList());
        for (int i = 0; i < listed.size(); i++) {
            assertThat(listed.get(i).value()).isEqualByComparingTo(onHandOf.get(below.get(i).sourceId()));
        }
        long inUs = below.stream().filter(r -> r.companyId() == 1).count();
        assertThat(card.breakdowns()).filteredOn(b -> b.dimension().equals("warehouse") && b.key().equals("W1"))
                .singleElement().satisfies(b -> assertThat(b.count()).isEqualTo(inUs));
        assertThat(card.how().model()).isEqualTo("stock.warehouse.orderpoint");
    }

    @ParameterizedTest(name = "Odoo {0}")
    @ValueSource(strings = {"16.0", "17.0", "19.0"})
    void theSimulatorsGeneratedRulesBelowTheirReorderPointAreTheOnesTheOracleFindsInItsRecords(String version) {
        try (OdooSimulator odoo = OdooSimulator.start(SimulatorSettings.demo().withFlavour(OdooFlavour.of(version))
                .withGenerated(5, 600, AS_OF))) {
            MappingFile mapping = MappingLoader.load(Path.of("mappings/odoo-" + version.replace(".0", "") + ".yaml"));
            List<Record> mapped = new ArrayList<>();
            for (String model : List.of("stock.quant", "stock.warehouse.orderpoint", "stock.location")) {
                for (Map<String, Object> source : odoo.database().records(model)) {
                    mapped.add(mapping.forModel(model).map(T, "odoo", version, source));
                }
            }
            KpiCard card = card(stockSnapshot(mapped), "audit-below-reorder-point", "now", null);

            Map<Long, Long> parent = new HashMap<>();
            for (Map<String, Object> location : odoo.database().records("stock.location")) {
                if (location.get("location_id") instanceof List<?> up) {
                    parent.put(id(location.get("id")), id(up.get(0)));
                }
            }
            List<Map<String, Object>> rules = odoo.database().records("stock.warehouse.orderpoint");
            long below = 0;
            for (Map<String, Object> rule : rules) {
                if (!Boolean.TRUE.equals(rule.get("active"))) {
                    continue;
                }
                double onHand = 0;
                for (Map<String, Object> quant : odoo.database().records("stock.quant")) {
                    if (id(quant.get("product_id")) == id(rule.get("product_id")) && within(id(quant.get(
                            "location_id")), id(rule.get("location_id")), parent)) {
                        onHand += ((Number) quant.get("quantity")).doubleValue();
                    }
                }
                if (onHand < ((Number) rule.get("product_min_qty")).doubleValue()) {
                    below++;
                }
            }
            assertThat(rules).as("generated rules").hasSizeGreaterThan(10);
            assertThat(below).as("rules below their minimum").isPositive().isLessThan(rules.size());
            assertThat(card.value()).isEqualByComparingTo(BigDecimal.valueOf(below));
        }
    }

    private static long id(Object value) {
        return ((Number) (value instanceof List<?> many2one ? many2one.get(0) : value)).longValue();
    }

    /** The location is the rule's or one of its descendants (Odoo's child_of). */
    private static boolean within(long location, long ruleLocation, Map<Long, Long> parent) {
        for (Long at = location; at != null; at = parent.get(at)) {
            if (at == ruleLocation) {
                return true;
            }
        }
        return false;
    }

    /** The locations as pulled: each with its parent and its parent_path, the ids from the root down. */
    static List<Location> locations(Map<Long, Long> parent, Map<Long, String> names, Map<Long, Long> companyOf) {
        List<Location> locations = new ArrayList<>();
        for (Map.Entry<Long, String> location : names.entrySet()) {
            long id = location.getKey();
            StringBuilder path = new StringBuilder(id + "/");
            for (Long up = parent.get(id); up != null; up = parent.get(up)) {
                path.insert(0, up + "/");
            }
            locations.add(new Location(T, "odoo", "stock.location", id, "17.0", location.getValue(), parent.get(id),
                    path.toString(), LocationKind.INTERNAL, companyOf.get(id), "C" + companyOf.get(id), true, AS_OF));
        }
        return locations;
    }

    private KpiSnapshot stockSnapshot(List<StockLevel> levels, List<ReorderRule> rules, List<Location> locations) {
        List<Record> records = new ArrayList<>(levels);
        records.addAll(rules);
        records.addAll(locations);
        return stockSnapshot(records);
    }

    private KpiSnapshot stockSnapshot(List<Record> records) {
        CanonicalStore store = new CanonicalStore(jdbc);
        store.storeAll(List.of(new Company(T, "odoo", "res.company", 1, "17.0", "US Inc", "USD", null, true, AS_OF),
                new Company(T, "odoo", "res.company", 2, "17.0", "EU BV", "EUR", null, true, AS_OF)));
        store.storeAll(records);
        return new KpiAggregator(jdbc, TestTenants.with(T, AS_OF, ZONE, KpiSettings.defaults()), List.of(7, 30, 90),
                Clock.fixed(AS_OF, ZoneOffset.UTC)).snapshot(T);
    }

    private KpiSnapshot snapshot(List<Invoice> invoices, List<CreditNote> creditNotes) {
        return snapshot(invoices, creditNotes, Map.of());
    }

    private KpiSnapshot snapshot(List<Invoice> invoices, List<CreditNote> creditNotes,
                                 Map<String, KpiSettings.Threshold> levels) {
        jdbc.update("DELETE FROM canonical_invoice");
        jdbc.update("DELETE FROM canonical_credit_note");
        jdbc.update("DELETE FROM canonical_company");
        CanonicalStore store = new CanonicalStore(jdbc);
        store.storeAll(List.of(new Company(T, "odoo", "res.company", 1, "17.0", "US Inc", "USD", null, true, AS_OF),
                new Company(T, "odoo", "res.company", 2, "17.0", "EU BV", "EUR", null, true, AS_OF)));
        store.storeAll(invoices);
        store.storeAll(creditNotes);
        KpiSettings settings = new KpiSettings(Optional.empty(), BigDecimal.ONE, 60, 45, levels);
        return new KpiAggregator(jdbc, TestTenants.with(T, AS_OF, ZONE, settings), List.of(7, 30, 90),
                Clock.fixed(AS_OF, ZoneOffset.UTC)).snapshot(T);
    }

    private static boolean within(LocalDate day, LocalDate from) {
        return !day.isBefore(from) && day.isBefore(TODAY);
    }
}
