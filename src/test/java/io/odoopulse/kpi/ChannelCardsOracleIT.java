package io.odoopulse.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

import io.odoopulse.audit.OdooFigure;
import io.odoopulse.canonical.CanonicalStore;
import io.odoopulse.canonical.MappingFile;
import io.odoopulse.canonical.MappingLoader;
import io.odoopulse.demo.simulator.OdooFlavour;
import io.odoopulse.demo.simulator.OdooSimulator;
import io.odoopulse.demo.simulator.SimulatorSettings;
import io.odoopulse.odoo.OdooClient;
import io.odoopulse.odoo.RetryPolicy;
import io.odoopulse.support.TestDatabase;
import io.odoopulse.support.TestTenants;
import io.odoopulse.tenant.KpiSettings;
import io.odoopulse.tenant.Secret;
import io.odoopulse.tenant.Tenant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The channel split and the UTM split against the simulator's generated history (web shop, back-office and
 * point-of-sale orders in two currencies and companies, UTM media and sources) for each Odoo version: an oracle of
 * plain loops over the records as Odoo returns them agrees with every channel card, and each card's own Odoo call,
 * asked of the simulator, answers its figure.
 */
class ChannelCardsOracleIT {

    /** Local midnight in Berlin, so windows are whole local days that do not start at a UTC midnight. */
    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    private static final Instant AS_OF = ZonedDateTime.of(2026, 11, 22, 0, 0, 0, 0, ZONE).toInstant();
    private static final DateTimeFormatter ODOO = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final String T = "channels";

    @ParameterizedTest(name = "Odoo {0}")
    @ValueSource(strings = {"16.0", "17.0", "18.0", "19.0"})
    void revenueOrdersAndAovPerChannelEqualTheOraclesLoopsOverOdoosRecords(String version) {
        try (OdooSimulator odoo = simulator(version)) {
            KpiSnapshot snapshot = snapshot(odoo, version);
            List<Map<String, Object>> sales = odoo.database().records("sale.order");
            List<Map<String, Object>> pos = odoo.database().records("pos.order");
            assertThat(pos).as("point-of-sale orders generated").hasSizeGreaterThan(100);
            Map<String, Predicate<Map<String, Object>>> channels = Map.of(
                    "website", o -> confirmedSale(o) && o.get("website_id") instanceof List,
                    "other-sales", o -> confirmedSale(o) && Boolean.FALSE.equals(o.get("website_id")),
                    "pos", o -> List.of("paid", "done", "invoiced").contains(o.get("state")));
            int checked = 0;
            for (KpiWindow w : List.of(KpiWindow.of(7, AS_OF, ZONE), KpiWindow.of(30, AS_OF, ZONE),
                    KpiWindow.of(90, AS_OF, ZONE))) {
                for (var channel : channels.entrySet()) {
                    List<Map<String, Object>> source = channel.getKey().equals("pos") ? pos : sales;
                    Map<String, BigDecimal> revenue = new TreeMap<>();
                    Map<String, Long> orders = new TreeMap<>();
                    Map<String, BigDecimal> revenueBefore = new TreeMap<>();
                    Map<String, Map<String, BigDecimal>> byCompany = new TreeMap<>();
                    for (Map<String, Object> o : source) {
                        if (!channel.getValue().test(o)) {
                            continue;
                        }
                        Instant at = at(o);
                        String currency = name(o.get("currency_id"));
                        BigDecimal amount = new BigDecimal(String.valueOf(o.get("amount_total")));
                        if (!at.isBefore(w.start()) && at.isBefore(w.end())) {
                            revenue.merge(currency, amount, BigDecimal::add);
                            orders.merge(currency, 1L, Long::sum);
                            byCompany.computeIfAbsent(currency, c -> new TreeMap<>())
                                    .merge(name(o.get("company_id")), amount, BigDecimal::add);
                        } else if (!at.isBefore(w.previousStart()) && at.isBefore(w.start())) {
                            revenueBefore.merge(currency, amount, BigDecimal::add);
                        }
                    }
                    assertThat(revenue).as("%s orders in %s", channel.getKey(), w.name()).isNotEmpty();
                    for (String currency : revenue.keySet()) {
                        String label = channel.getKey() + " " + w.name() + " " + currency;
                        KpiCard card = card(snapshot, channel.getKey() + "-revenue", w.name(), currency);
                        assertThat(card.value()).as(label).isEqualByComparingTo(money(revenue.get(currency)));
                        assertThat(card.previousValue()).as(label + " before")
                                .isEqualByComparingTo(money(revenueBefore.getOrDefault(currency, BigDecimal.ZERO)));
                        assertThat(card.breakdowns()).as(label).extracting(KpiCard.Breakdown::key, b ->
                                b.value().setScale(2)).containsExactlyInAnyOrderElementsOf(byCompany.get(currency)
                                .entrySet().stream().map(e -> org.assertj.core.groups.Tuple.tuple(e.getKey(),
                                        money(e.getValue()))).toList());
                        assertThat(card(snapshot, channel.getKey() + "-orders", w.name(), currency).value())
                                .as(label).isEqualByComparingTo(BigDecimal.valueOf(orders.get(currency)));
                        assertThat(card(snapshot, channel.getKey() + "-aov", w.name(), currency).value()).as(label)
                                .isEqualByComparingTo(revenue.get(currency).divide(BigDecimal.valueOf(
                                        orders.get(currency)), 2, RoundingMode.HALF_UP));
                        checked++;
                    }
                }
            }
            assertThat(checked).isGreaterThanOrEqualTo(9);
        }
    }

    @ParameterizedTest(name = "Odoo {0}")
    @ValueSource(strings = {"17.0", "19.0"})
    void revenueByUtmMediumAndSourceEqualsTheOraclesLoops(String version) {
        try (OdooSimulator odoo = simulator(version)) {
            KpiSnapshot snapshot = snapshot(odoo, version);
            KpiWindow w = KpiWindow.of(30, AS_OF, ZONE);
            Map<String, BigDecimal> total = new TreeMap<>();
            Map<String, Map<String, BigDecimal>> byMedium = new TreeMap<>();
            Map<String, Map<String, BigDecimal>> bySource = new TreeMap<>();
            for (Map<String, Object> o : odoo.database().records("sale.order")) {
                Instant at = at(o);
                boolean utm = o.get("medium_id") instanceof List || o.get("source_id") instanceof List;
                if (!confirmedSale(o) || !utm || at.isBefore(w.start()) || !at.isBefore(w.end())) {
                    continue;
                }
                String currency = name(o.get("currency_id"));
                BigDecimal amount = new BigDecimal(String.valueOf(o.get("amount_total")));
                total.merge(currency, amount, BigDecimal::add);
                byMedium.computeIfAbsent(currency, c -> new TreeMap<>()).merge(orNone(o.get("medium_id")), amount,
                        BigDecimal::add);
                bySource.computeIfAbsent(currency, c -> new TreeMap<>()).merge(orNone(o.get("source_id")), amount,
                        BigDecimal::add);
            }
            assertThat(total).isNotEmpty();
            total.forEach((currency, amount) -> {
                KpiCard card = card(snapshot, "utm-revenue", "30d", currency);
                assertThat(card.value()).as(currency).isEqualByComparingTo(money(amount));
                assertThat(parts(card, "medium")).as(currency).isEqualTo(money(byMedium.get(currency)));
                assertThat(parts(card, "source")).as(currency).isEqualTo(money(bySource.get(currency)));
            });
        }
    }

    @ParameterizedTest(name = "Odoo {0}")
    @ValueSource(strings = {"16.0", "19.0"})
    void eachChannelCardsOdooCallAnswersItsFigureInOdoo(String version) {
        try (OdooSimulator odoo = simulator(version)) {
            KpiSnapshot snapshot = snapshot(odoo, version);
            OdooClient client = client(odoo.url(), odoo.settings().db());
            List<String> wrong = new ArrayList<>();
            int asked = 0;
            java.util.Set<String> windowsAsked = new java.util.TreeSet<>();
            for (KpiCard card : snapshot.cards()) {
                if (!List.of("channel-website", "channel-pos", "channel-other-sales", "utm").contains(card.section())
                        || !card.how().direct()) {
                    continue;
                }
                BigDecimal answer = OdooFigure.answer(client, card.how());
                asked++;
                windowsAsked.add(card.window());
                if (answer.compareTo(card.value()) != 0) {
                    wrong.add(card.key() + ": card " + card.value() + ", Odoo " + answer + " for " + card.how());
                }
            }
            assertThat(wrong).isEmpty();
            // every window asked has all its cards asked: 2 currencies x (3 channels x 2 direct cards + utm-revenue)
            assertThat(windowsAsked).contains("7d", "30d", "90d", "24h");
            assertThat(asked).isEqualTo(windowsAsked.size() * 2 * 7);
        }
    }

    private static OdooSimulator simulator(String version) {
        return OdooSimulator.start(SimulatorSettings.demo().withFlavour(OdooFlavour.of(version))
                .withGenerated(11, 3000, AS_OF));
    }

    /** The simulator's records mapped with the version's mapping file and stored, then one snapshot. */
    private static KpiSnapshot snapshot(OdooSimulator odoo, String version) {
        JdbcTemplate jdbc = TestDatabase.freshH2();
        CanonicalStore store = new CanonicalStore(jdbc);
        MappingFile mapping = MappingLoader.load(Path.of("mappings/odoo-" + version.replace(".0", "") + ".yaml"));
        for (String model : List.of("res.company", "sale.order", "pos.order")) {
            List<Record> records = new ArrayList<>();
            for (Map<String, Object> source : odoo.database().records(model)) {
                Record r = mapping.forModel(model).map(T, "odoo", version, source);
                if (r != null) {
                    records.add(r);
                }
            }
            store.storeAll(records);
        }
        return new KpiAggregator(jdbc, TestTenants.with(T, AS_OF, ZONE, KpiSettings.defaults()), List.of(7, 30, 90),
                Clock.fixed(AS_OF, ZONE)).snapshot(T);
    }

    private static OdooClient client(String url, String database) {
        Tenant.OdooConnection connection = new Tenant.OdooConnection(url, database, "admin", new Secret("admin"));
        return new OdooClient("oracle", OdooClient.transport("jsonrpc", connection, OdooClient.defaultHttpClient(),
                Duration.ofSeconds(60)), RetryPolicy.DEFAULT, 1, wait -> Thread.sleep(wait.toMillis()));
    }

    private static boolean confirmedSale(Map<String, Object> order) {
        return List.of("sale", "done").contains(order.get("state"));
    }

    private static Instant at(Map<String, Object> order) {
        return LocalDateTime.parse((String) order.get("date_order"), ODOO).toInstant(ZoneOffset.UTC);
    }

    private static String name(Object many2one) {
        return (String) ((List<?>) many2one).get(1);
    }

    private static String orNone(Object many2one) {
        return many2one instanceof List ? name(many2one) : "(none)";
    }

    private static BigDecimal money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP);
    }

    private static Map<String, BigDecimal> money(Map<String, BigDecimal> amounts) {
        Map<String, BigDecimal> out = new TreeMap<>();
        amounts.forEach((k, v) -> out.put(k, money(v)));
        return out;
    }

    private static Map<String, BigDecimal> parts(KpiCard card, String dimension) {
        Map<String, BigDecimal> out = new TreeMap<>();
        card.breakdowns().stream().filter(b -> b.dimension().equals(dimension))
                .forEach(b -> out.put(b.key(), b.value().setScale(2)));
        return out;
    }

    private static KpiCard card(KpiSnapshot snapshot, String id, String window, String currency) {
        return snapshot.cards().stream().filter(c -> c.id().equals(id) && c.window().equals(window)
                && currency.equals(c.currency())).findFirst().orElseThrow(() -> new AssertionError(
                "no card " + id + " " + window + " " + currency));
    }
}
