package io.odoopulse.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.odoopulse.deadletter.DeadLetter;
import io.odoopulse.deadletter.DeadLetterStore;
import io.odoopulse.demo.DemoOdoo;
import io.odoopulse.demo.simulator.OdooDatabase;
import io.odoopulse.notice.Notice;
import io.odoopulse.notice.NoticeStore;
import io.odoopulse.support.TenantTicks;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Deletion reconciliation on every pull (reconcile-every 1): a sudden drop of sale orders (a user who lost access
 * would see as short a list) is withheld, named to operators and applied only once it recurred on two later passes;
 * a small deletion is applied at once; rows Odoo still has that the store lost or marked deleted come back. Ordered:
 * each case starts from the store the previous one left, with no drop withheld.
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "camel.main.name=sudden-drop",
        "spring.datasource.url=jdbc:h2:mem:sudden-drop;DB_CLOSE_DELAY=-1;MODE=PostgreSQL",
        "pulse.demo.cron=0/2 * * * * ?",
        "pulse.demo.odoo.orders=300",
        "pulse.demo.odoo.as-of=2026-11-22T00:00:00Z",
        "pulse.demo.reconcile-every=1",
        "pulse.demo.reconcile-confirm-after=2"})
@DirtiesContext
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SuddenDropIT {

    @Autowired
    DemoOdoo demoOdoo;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    NoticeStore notices;
    @Autowired
    DeadLetterStore deadLetters;
    @Autowired
    MeterRegistry meters;
    @Autowired
    ObjectMapper json;

    @Test
    @Order(1)
    void aDropOverTheShareIsWithheldUntilItRecursOnConfirmAfterPasses() throws Exception {
        OdooDatabase odoo = demoOdoo.simulator().database();
        await().atMost(Duration.ofSeconds(90)).until(() -> doneTicks() >= 1);
        int stored = liveOrders();
        List<Integer> gone = ids(odoo.records("sale.order")).subList(0, 60);
        assertThat(60.0 / stored).as("beyond the default share of 10 %").isGreaterThan(0.1);

        odoo.unlink("sale.order", gone);

        await().atMost(Duration.ofSeconds(30)).until(() -> dropLetter().isPresent());
        int ticks = doneTicks();
        DeadLetter letter = dropLetter().orElseThrow();
        assertThat(letter.causeType()).isEqualTo("io.odoopulse.pull.SuddenDropException");
        assertThat(letter.model()).isEqualTo("sale.order");
        assertThat(letter.causeMessage()).contains("tenant demo", "sale.order", "60 of " + stored,
                "pull.reconcile-max-drop-share 10.0 %", "pull.reconcile-max-drop-rows 1000");
        assertThat(json.readValue(letter.payload(), Long[].class)).containsExactlyInAnyOrderElementsOf(
                gone.stream().map(Integer::longValue).toList());
        assertThat(openNotice()).hasValueSatisfying(n -> assertThat(n.message()).contains("60 of " + stored));
        assertThat(withheldGauge()).isEqualTo(60.0);
        assertThat(live(gone)).as("the rows stay live while withheld").isEqualTo(60);

        await().atMost(Duration.ofSeconds(30)).until(() -> doneTicks() >= ticks + 1);
        assertThat(live(gone)).as("one pass later, still withheld").isEqualTo(60);

        await().atMost(Duration.ofSeconds(60)).until(() -> live(gone) == 0);
        assertThat(openNotice()).isEmpty();
        assertThat(withheldGauge()).isZero();
        assertThat(liveOrders()).isEqualTo(stored - 60);
        assertThat(deadLetters.list(Optional.empty(), Optional.of("demo"))).filteredOn(
                d -> "deletion-reconcile".equals(d.routeId())).as("one dead letter for the drop").hasSize(1);
    }

    @Test
    @Order(2)
    void aDeletionWithinTheLimitsIsAppliedAtOnce() {
        OdooDatabase odoo = demoOdoo.simulator().database();
        await().atMost(Duration.ofSeconds(90)).until(() -> doneTicks() >= 1);
        List<Integer> gone = ids(odoo.records("sale.order")).subList(0, 8);

        odoo.unlink("sale.order", gone);

        await().atMost(Duration.ofSeconds(30)).until(() -> live(gone) == 0);
        assertThat(openNotice()).isEmpty();
    }

    @Test
    @Order(3)
    void rowsOdooStillHasThatTheStoreMarkedDeletedOrLostAreReadAgain() {
        OdooDatabase odoo = demoOdoo.simulator().database();
        await().atMost(Duration.ofSeconds(90)).until(() -> doneTicks() >= 1);
        List<Map<String, Object>> orders = odoo.records("sale.order");
        List<Integer> tombstoned = ids(orders).subList(0, 4);
        int lost = ids(orders).get(4);
        await().atMost(Duration.ofSeconds(30)).until(() -> live(ids(orders).subList(0, 5)) == 5);

        for (int id : tombstoned) {
            jdbc.update("UPDATE canonical_order SET deleted_at = CURRENT_TIMESTAMP, amount_total = 0 WHERE tenant = "
                    + "'demo' AND source_id = ?", id);
        }
        jdbc.update("DELETE FROM canonical_order WHERE tenant = 'demo' AND source_id = ?", lost);

        await().atMost(Duration.ofSeconds(30)).until(() -> live(ids(orders).subList(0, 5)) == 5);
        for (Map<String, Object> order : orders.subList(0, 5)) {
            assertThat(jdbc.queryForObject("SELECT amount_total FROM canonical_order WHERE tenant = 'demo' AND "
                    + "source_id = ?", BigDecimal.class, order.get("id"))).as("Odoo's values, order %s", order.get("id"))
                    .isEqualByComparingTo(new BigDecimal(String.valueOf(order.get("amount_total"))));
        }
        assertThat(meters.get("pulse.reconcile.undeleted").tags("tenant", "demo", "model", "sale.order").counter()
                .count()).isGreaterThanOrEqualTo(5.0);
    }

    private Optional<DeadLetter> dropLetter() {
        return deadLetters.list(Optional.empty(), Optional.of("demo")).stream()
                .filter(d -> "deletion-reconcile".equals(d.routeId())).findFirst();
    }

    private Optional<Notice> openNotice() {
        return WithheldDrop.openNotice(notices);
    }

    private double withheldGauge() {
        return WithheldDrop.gauge(meters);
    }

    private int live(List<Integer> ids) {
        return WithheldDrop.live(jdbc, ids);
    }

    private int liveOrders() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM canonical_order WHERE tenant = 'demo' AND deleted_at IS NULL",
                Integer.class);
    }

    private int doneTicks() {
        return TenantTicks.done(jdbc, "demo");
    }

    private static List<Integer> ids(List<Map<String, Object>> records) {
        return records.stream().map(r -> ((Number) r.get("id")).intValue()).sorted().toList();
    }
}
