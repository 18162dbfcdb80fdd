package io.odoopulse.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.odoopulse.audit.OdooFigure;
import io.odoopulse.demo.simulator.DatasetSource;
import io.odoopulse.demo.simulator.OdooFlavour;
import io.odoopulse.demo.simulator.OdooSimulator;
import io.odoopulse.demo.simulator.SimulatorSettings;
import io.odoopulse.odoo.OdooClient;
import io.odoopulse.odoo.RetryPolicy;
import io.odoopulse.support.RecordedDataset;
import io.odoopulse.support.TestTenants;
import io.odoopulse.tenant.KpiSettings;
import io.odoopulse.tenant.Secret;
import io.odoopulse.tenant.Tenant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * "Explain this number": a card's {@code how} is the Odoo call that reproduces its figure. Sent as it stands to the
 * simulator loaded with a real server's dataset, over JSON-RPC with the product's own client, each call that gives
 * the figure directly answers the card's value to the cent.
 */
class ExplainThisNumberIT {

    /** Local midnight in Tokyo: datetime bounds are then 15:00 UTC, and each local date is a day after the UTC one. */
    private static final Instant AS_OF = Instant.parse("2026-11-21T15:00:00Z");
    private static final ZoneId ZONE = ZoneId.of("Asia/Tokyo");
    private static final Map<String, KpiSnapshot> SNAPSHOTS = new HashMap<>();

    /** The cards whose how gives the figure directly: each must have been asked of Odoo at least once. */
    private static final List<String> DIRECT = List.of("revenue", "orders", "out-of-stock", "low-stock",
            "negative-stock", "invoiced", "outstanding", "overdue", "payments", "catalogue-missing-image",
            "catalogue-missing-description", "catalogue-missing-reference", "catalogue-missing-price",
            "website-revenue", "website-orders", "other-sales-revenue", "other-sales-orders", "utm-revenue",
            "audit-negative-quants", "audit-uninvoiced-orders", "audit-stale-draft-invoices",
            "audit-published-out-of-stock", "audit-published-catalogue-gaps", "stock-value");

    @ParameterizedTest(name = "Odoo {0}")
    @ValueSource(strings = {"16.0", "17.0", "18.0", "19.0"})
    void everyCallThatGivesAFigureDirectlyAnswersTheCardsValueInOdoo(String version) {
        KpiSnapshot snapshot = snapshot(version);
        List<String> wrong = new ArrayList<>();
        TreeSet<String> asked = new TreeSet<>();
        try (OdooSimulator odoo = OdooSimulator.start(SimulatorSettings.demo().withFlavour(OdooFlavour.of(version))
                .withDataset(new DatasetSource.Classpath("odoo-contract/" + version + "/dataset")))) {
            OdooClient client = client(odoo.url(), "odoo" + version.replace(".0", ""));
            for (KpiCard card : snapshot.cards()) {
                if (!card.how().direct()) {
                    continue;
                }
                assertThat(OdooFigure.answerable(card.how())).as(card.key()).isTrue();
                BigDecimal answer = OdooFigure.answer(client, card.how());
                asked.add(card.id());
                if (card.value() == null || answer.compareTo(card.value()) != 0) {
                    wrong.add(card.key() + ": card " + card.value() + ", Odoo " + answer + " for " + card.how());
                }
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(asked).containsAll(DIRECT);
    }

    @Test
    void everyCardOfAFullSnapshotSaysWhichOdooCallReproducesIt() {
        KpiSnapshot snapshot = snapshot("18.0");

        // Cross-channel cards come from families of other sources, which other tests may have registered.
        // The recorded databases hold no point-of-sale order: ChannelCardsOracleIT covers those cards.
        assertThat(snapshot.cards()).extracting(KpiCard::id).contains(CardDefinition.ids().stream()
                .filter(id -> CardDefinition.of(id).tier() != KpiCard.Tier.CROSS_CHANNEL)
                .filter(id -> !CardDefinition.of(id).section().equals("channel-pos")).toArray(String[]::new));
        assertThat(snapshot.cards()).allSatisfy(card -> {
            assertThat(card.how()).as(card.key()).isNotNull();
            assertThat(card.how().model()).as(card.key()).isNotBlank();
            assertThat(card.how().method()).as(card.key()).isNotBlank();
        });
    }

    @Test
    void aCardsJsonCarriesHowAndLeavesItOutWhenThereIsNone() throws Exception {
        KpiCard card = snapshot("17.0").cards().stream().filter(c -> c.id().equals("revenue")).findFirst()
                .orElseThrow();
        ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());

        JsonNode with = json.readTree(json.writeValueAsString(card));
        JsonNode without = json.readTree(json.writeValueAsString(card.withHow(null)));

        assertThat(with.path("how").path("model").asText()).isEqualTo("sale.order");
        assertThat(with.path("how").path("domain").toString()).contains("[\"date_order\",\">=\",\"2026-11-14 15:00:00\"]");
        assertThat(with.path("how").has("note")).isFalse();
        assertThat(without.has("how")).isFalse();
        // The snapshot history reads cards back: how survives.
        assertThat(json.readValue(json.writeValueAsString(card), KpiCard.class).how()).isEqualTo(card.how());
    }

    private static OdooClient client(String url, String database) {
        Tenant.OdooConnection connection = new Tenant.OdooConnection(url, database, "admin", new Secret("admin"));
        return new OdooClient("explain", OdooClient.transport("jsonrpc", connection, OdooClient.defaultHttpClient(),
                Duration.ofSeconds(60)), RetryPolicy.DEFAULT, 1, wait -> Thread.sleep(wait.toMillis()));
    }

    /** The simulator's dataset of one version, mapped and stored, and its snapshot as of {@link #AS_OF}. */
    private static synchronized KpiSnapshot snapshot(String version) {
        return SNAPSHOTS.computeIfAbsent(version, v -> {
            JdbcTemplate jdbc = RecordedDataset.storedInH2(v, "explain");
            return new KpiAggregator(jdbc, TestTenants.with("explain", AS_OF, ZONE, KpiSettings.defaults()),
                    List.of(7, 30, 90), Clock.fixed(AS_OF, ZONE)).snapshot("explain");
        });
    }
}
