package io.odoopulse.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.odoopulse.audit.OdooFigure;
import io.odoopulse.demo.DemoOdoo;
import io.odoopulse.demo.SnapshotInbox;
import io.odoopulse.demo.simulator.OdooDatabase;
import io.odoopulse.kpi.OdooQuery;
import io.odoopulse.notice.Notice;
import io.odoopulse.notice.NoticeStore;
import io.odoopulse.odoo.OdooClient;
import io.odoopulse.odoo.OdooConnections;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The parity audit: every few ticks the store is compared with Odoo's own counts and card figures. Data changed
 * behind the connector's back (no write_date moves) is found, reported (alert, metric, notice), read again, and the
 * next audits and every card then agree with Odoo.
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "camel.main.name=parity-audit",
        "spring.datasource.url=jdbc:h2:mem:parity-audit;DB_CLOSE_DELAY=-1;MODE=PostgreSQL",
        "pulse.demo.cron=0/2 * * * * ?",
        "pulse.demo.odoo.orders=300",
        "pulse.demo.odoo.as-of=2026-11-22T00:00:00Z",
        "pulse.demo.audit-every=3"})
@DirtiesContext
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ParityAuditIT {

    private static final List<String> MODELS = List.of("res.company", "res.currency.rate", "res.partner",
            "product.product", "sale.order", "sale.order.line", "pos.order", "account.move", "account.payment",
            "stock.quant", "stock.move", "stock.warehouse.orderpoint", "stock.location");

    @Autowired
    DemoOdoo demoOdoo;
    @Autowired
    SnapshotInbox inbox;
    @Autowired
    NoticeStore notices;
    @Autowired
    MeterRegistry meters;
    @Autowired
    OdooConnections connections;
    @Autowired
    ObjectMapper json;

    @Test
    @Order(1)
    void anAuditInAgreementPushesOkForEveryModelAndRaisesNothing() {
        // The first tick audits.
        await().atMost(Duration.ofSeconds(90)).until(() -> inbox.all("demo").stream().anyMatch(p -> audit(p).size()
                == MODELS.size()));
        JsonNode push = inbox.all("demo").stream().filter(p -> audit(p).size() == MODELS.size()).findFirst()
                .orElseThrow();

        assertThat(audit(push).values()).allSatisfy(a -> {
            assertThat(a.path("result").asText()).as(a.toString()).isEqualTo("OK");
            assertThat(a.path("differences").asInt()).isZero();
            assertThat(a.path("auditedAt").asText()).isNotBlank();
        });
        assertThat(audit(push).get("sale.order").path("figures").asInt()).as("the count and the sale.order cards")
                .isGreaterThan(1);
        assertThat(push.path("alerts")).noneMatch(a -> "drift".equals(a.path("kind").asText()));
        assertThat(parityNotices()).isEmpty();
        assertThat(meters.find("pulse.audit.drift").tags("tenant", "demo").gauges()).isNotEmpty()
                .allSatisfy(g -> assertThat(g.value()).isZero());
    }

    @Test
    @Order(2)
    void driftBehindTheConnectorsBackIsFoundReportedReadAgainAndThenEveryFigureAgrees() {
        OdooDatabase odoo = demoOdoo.simulator().database();
        await().atMost(Duration.ofSeconds(90)).until(() -> !inbox.all("demo").isEmpty());
        Instant changed = Instant.now();

        // A quotation of the last week confirmed, its write_date left as it was (as a careless SQL update would).
        Map<String, Object> quotation = odoo.records("sale.order").stream()
                .filter(o -> "draft".equals(o.get("state")) && String.valueOf(o.get("date_order"))
                        .compareTo("2026-11-15") >= 0 && String.valueOf(o.get("date_order")).compareTo("2026-11-22") < 0)
                .findFirst().orElseThrow();
        odoo.write("sale.order", List.of(id(quotation)), Map.of("state", "sale", "write_date",
                quotation.get("write_date")));
        // A partner inserted with an old write_date: behind the checkpoint, an incremental pull never sees it.
        odoo.create("res.partner", Map.of("name", "Imported behind the back", "write_date", "2020-01-01 00:00:00"));
        // A stock move deleted: nothing is left to carry a write_date.
        List<Map<String, Object>> moves = odoo.records("stock.move");
        int deletedMove = id(moves.get(moves.size() - 1));
        odoo.unlink("stock.move", List.of(deletedMove));

        // Found: while the drift stands, the gauge counts the differing figures.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> drift("sale.order") > 0);
        await().atMost(Duration.ofSeconds(60)).until(() -> driftPush("sale.order", changed).isPresent()
                && driftPush("res.partner", changed).isPresent() && driftPush("stock.move", changed).isPresent());

        // Reported in the push: the audit block and a drift alert naming Odoo's value and the store's.
        JsonNode orders = driftPush("sale.order", changed).orElseThrow();
        assertThat(audit(orders).get("sale.order").path("detail").asText()).contains("orders 7d", "Odoo ",
                ", store ");
        assertThat(orders.path("alerts")).anySatisfy(alert -> {
            assertThat(alert.path("kind").asText()).isEqualTo("drift");
            assertThat(alert.path("model").asText()).isEqualTo("sale.order");
            assertThat(alert.path("card").asText()).isEqualTo("orders");
            assertThat(new BigDecimal(alert.path("newValue").asText()))
                    .isEqualTo(new BigDecimal(alert.path("oldValue").asText()).add(BigDecimal.ONE));
        });
        JsonNode partners = driftPush("res.partner", changed).orElseThrow();
        assertThat(audit(partners).get("res.partner").path("detail").asText()).contains("record count: Odoo ");
        assertThat(partners.path("alerts")).anySatisfy(alert -> {
            assertThat(alert.path("kind").asText()).isEqualTo("drift");
            assertThat(alert.path("model").asText()).isEqualTo("res.partner");
            assertThat(new BigDecimal(alert.path("newValue").asText()).subtract(new BigDecimal(alert.path("oldValue")
                    .asText()))).isEqualTo(BigDecimal.ONE);
        });
        JsonNode stockMoves = driftPush("stock.move", changed).orElseThrow();
        assertThat(stockMoves.path("alerts")).anySatisfy(alert -> {
            assertThat(alert.path("model").asText()).isEqualTo("stock.move");
            assertThat(new BigDecimal(alert.path("oldValue").asText()).subtract(new BigDecimal(alert.path("newValue")
                    .asText()))).as("the store holds the deleted move").isEqualTo(BigDecimal.ONE);
        });
        // Operators are told, naming model, figure and both values.
        assertThat(parityNotices()).anySatisfy(n -> {
            assertThat(n.model()).isEqualTo("sale.order");
            assertThat(n.message()).contains("sale.order", "orders 7d", "Odoo ", "store ");
        });
        assertThat(parityNotices()).anySatisfy(n -> assertThat(n.model()).isEqualTo("res.partner"));
        assertThat(parityNotices()).anySatisfy(n -> assertThat(n.model()).isEqualTo("stock.move"));

        // After a drift the next tick audits again, not pull.audit-every ticks later.
        List<JsonNode> pushes = inbox.all("demo");
        int found = pushes.indexOf(orders);
        await().atMost(Duration.ofSeconds(30)).until(() -> inbox.all("demo").size() > found + 1
                || inbox.all("demo").indexOf(orders) < 0);
        List<JsonNode> later = inbox.all("demo");
        int at = later.indexOf(orders);
        if (at >= 0) {
            assertThat(Instant.parse(audit(later.get(at + 1)).get("sale.order").path("auditedAt").asText()))
                    .isAfter(Instant.parse(audit(orders).get("sale.order").path("auditedAt").asText()));
        }

        // Read again: the next audits agree on every model, and the notices are resolved.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode latest = inbox.latest("demo").orElseThrow();
            assertThat(audit(latest).values()).allSatisfy(a -> {
                assertThat(a.path("result").asText()).as(a.toString()).isEqualTo("OK");
                assertThat(Instant.parse(a.path("auditedAt").asText())).isAfter(changed);
            });
            assertThat(parityNotices()).allSatisfy(n -> assertThat(n.status()).isEqualTo(Notice.Status.RESOLVED));
        });
        assertThat(drift("sale.order")).isZero();

        // And every card that gives its figure directly agrees with the simulator's own answer.
        JsonNode latest = inbox.latest("demo").orElseThrow();
        OdooClient client = connections.get("demo").client();
        List<String> wrong = new ArrayList<>();
        int asked = 0;
        for (JsonNode card : latest.path("cards")) {
            OdooQuery how = how(card);
            if (how == null || how.note() != null || card.path("value").isNull()) {
                continue;
            }
            asked++;
            assertThat(OdooFigure.answerable(how)).as(card.path("id").asText()).isTrue();
            BigDecimal answer = OdooFigure.answer(client, how);
            if (answer.compareTo(new BigDecimal(card.path("value").asText())) != 0) {
                wrong.add(card.path("id").asText() + " " + card.path("window").asText() + ": card "
                        + card.path("value").asText() + ", Odoo " + answer);
            }
        }
        assertThat(asked).isGreaterThan(5);
        assertThat(wrong).isEmpty();
    }

    @Test
    @Order(3)
    void anAuditWhoseOdooCallFailsIsRecordedFailedAndTheTickStillPushes() {
        await().atMost(Duration.ofSeconds(90)).until(() -> !inbox.all("demo").isEmpty());
        Instant armed = Instant.now();
        // The audit's count has an empty domain; the pull's asks for rows since its checkpoint.
        demoOdoo.simulator().faults().refuseCount("res.company", List::isEmpty);
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> inbox.all("demo").stream().anyMatch(p ->
                    failedSince(p, armed)));
            JsonNode push = inbox.all("demo").stream().filter(p -> failedSince(p, armed)).findFirst().orElseThrow();

            assertThat(audit(push).get("res.company").path("detail").asText()).contains("not allowed");
            assertThat(push.path("cards")).as("the tick pushed its snapshot").isNotEmpty();
            assertThat(push.path("freshness")).anySatisfy(f -> {
                assertThat(f.path("model").asText()).isEqualTo("res.company");
                assertThat(f.path("status").asText()).isEqualTo("OK");
            });
            assertThat(audit(push).get("sale.order").path("result").asText()).as("the other models are audited")
                    .isEqualTo("OK");
        } finally {
            demoOdoo.simulator().faults().clear();
        }
    }

    private boolean failedSince(JsonNode push, Instant armed) {
        JsonNode company = audit(push).get("res.company");
        return company != null && "FAILED".equals(company.path("result").asText())
                && Instant.parse(company.path("auditedAt").asText()).isAfter(armed);
    }

    /** The first push since {@code since} whose audit found the model drifting. */
    private Optional<JsonNode> driftPush(String model, Instant since) {
        return inbox.all("demo").stream().filter(p -> {
            JsonNode a = audit(p).get(model);
            return a != null && "DRIFT".equals(a.path("result").asText())
                    && Instant.parse(a.path("auditedAt").asText()).isAfter(since);
        }).findFirst();
    }

    private static Map<String, JsonNode> audit(JsonNode push) {
        Map<String, JsonNode> byModel = new LinkedHashMap<>();
        push.path("audit").forEach(a -> byModel.put(a.path("model").asText(), a));
        return byModel;
    }

    private double drift(String model) {
        Gauge gauge = meters.find("pulse.audit.drift").tags("tenant", "demo", "model", model).gauge();
        return gauge == null ? 0 : gauge.value();
    }

    private List<Notice> parityNotices() {
        return notices.list(Optional.empty(), Optional.of("demo")).stream()
                .filter(n -> "parity-drift".equals(n.kind())).toList();
    }

    private OdooQuery how(JsonNode card) {
        try {
            return card.has("how") ? json.treeToValue(card.path("how"), OdooQuery.class) : null;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int id(Map<String, Object> record) {
        return ((Number) record.get("id")).intValue();
    }
}
