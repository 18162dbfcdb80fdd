package io.odoopulse.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.odoopulse.demo.DemoOdoo;
import io.odoopulse.demo.simulator.OdooDatabase;
import io.odoopulse.notice.Notice;
import io.odoopulse.notice.NoticeStore;
import io.odoopulse.support.TenantTicks;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;

/**
 * A sale order stamped a year beyond Odoo's own clock (rows imported with SQL, a server clock once ahead) is stored,
 * but does not carry the checkpoint past the changes Odoo has yet to make: a quotation confirmed afterwards still
 * reaches the store, and operators are told which row (notice and metric) until Odoo's clock passes it.
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "camel.main.name=future-write-date",
        "spring.datasource.url=jdbc:h2:mem:future-write-date;DB_CLOSE_DELAY=-1;MODE=PostgreSQL",
        "pulse.demo.cron=0/2 * * * * ?",
        "pulse.demo.odoo.orders=300",
        "pulse.demo.odoo.as-of=2026-11-22T00:00:00Z"})
@DirtiesContext
class FutureWriteDateIT {

    private static final DateTimeFormatter ODOO = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @Autowired
    DemoOdoo demoOdoo;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    NoticeStore notices;
    @Autowired
    MeterRegistry meters;

    @Test
    void aRowBeyondOdoosClockIsStoredButLaterChangesAreStillRead() {
        OdooDatabase odoo = demoOdoo.simulator().database();
        await().atMost(Duration.ofSeconds(60)).until(() -> doneTicks() >= 1);
        List<Map<String, Object>> orders = odoo.records("sale.order");
        int future = idOf(orders.stream().filter(o -> "sale".equals(o.get("state"))).findFirst().orElseThrow());
        int quotation = idOf(orders.stream().filter(o -> "draft".equals(o.get("state"))).findFirst().orElseThrow());
        String aYearAhead = ODOO.format(LocalDateTime.now(ZoneOffset.UTC).plusYears(1));

        odoo.write("sale.order", List.of(future), Map.of("write_date", aYearAhead, "client_order_ref", "imported"));
        int ticks = doneTicks();
        await().atMost(Duration.ofSeconds(30)).until(() -> doneTicks() >= ticks + 2);

        assertThat(jdbc.queryForObject("SELECT updated_at FROM canonical_order WHERE tenant = 'demo' AND source_id = ?",
                java.time.OffsetDateTime.class, future).toLocalDateTime()).as("the row is stored, as Odoo stamped it")
                .isEqualTo(LocalDateTime.parse(aYearAhead, ODOO));
        // A checkpoint is the second after the last row read: a row written this second puts it a second ahead.
        assertThat(checkpoint("sale.order")).as("the checkpoint stays within Odoo's clock")
                .isLessThanOrEqualTo(ODOO.format(LocalDateTime.now(ZoneOffset.UTC).plusSeconds(2)));
        List<Notice> open = notices.list(java.util.Optional.of(Notice.Status.OPEN), java.util.Optional.of("demo"));
        assertThat(open).as("operators are told which row").singleElement().satisfies(notice -> {
            assertThat(notice.model()).isEqualTo("sale.order");
            assertThat(notice.message()).contains(future + " (write_date " + aYearAhead + ")");
        });
        assertThat(meters.get("pulse.pull.future.rows").tags("tenant", "demo", "model", "sale.order").gauge().value())
                .isEqualTo(1.0);

        odoo.write("sale.order", List.of(quotation), Map.of("state", "sale"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "SELECT status FROM canonical_order WHERE tenant = 'demo' AND source_id = ?", String.class, quotation))
                .as("the quotation confirmed after the future row").isEqualTo("CONFIRMED"));
    }

    @Test
    void aCheckpointAlreadyBeyondOdoosClockIsDroppedAndTheModelReadAgainInFull() {
        OdooDatabase odoo = demoOdoo.simulator().database();
        await().atMost(Duration.ofSeconds(60)).until(() -> doneTicks() >= 1);
        int quotation = idOf(odoo.records("sale.order").stream().filter(o -> "draft".equals(o.get("state")))
                .reduce((first, second) -> second).orElseThrow());
        // As an earlier version, or a server clock since set back, left it.
        jdbc.update("UPDATE pull_checkpoint SET write_date = ? WHERE tenant = 'demo' AND model = 'sale.order'",
                ODOO.format(LocalDateTime.now(ZoneOffset.UTC).plusYears(1)));
        odoo.write("sale.order", List.of(quotation), Map.of("state", "sale"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "SELECT status FROM canonical_order WHERE tenant = 'demo' AND source_id = ?", String.class, quotation))
                .isEqualTo("CONFIRMED"));
        assertThat(checkpoint("sale.order")).isLessThanOrEqualTo(ODOO.format(LocalDateTime.now(ZoneOffset.UTC)
                .plusSeconds(2)));
        assertThat(notices.list(java.util.Optional.empty(), java.util.Optional.of("demo")))
                .anySatisfy(notice -> assertThat(notice.message()).contains("checkpoint of sale.order", "read again"));
    }

    private int doneTicks() {
        return TenantTicks.done(jdbc, "demo");
    }

    private String checkpoint(String model) {
        return jdbc.queryForObject("SELECT write_date FROM pull_checkpoint WHERE tenant = 'demo' AND model = ?",
                String.class, model);
    }

    private static int idOf(Map<String, Object> record) {
        return ((Number) record.get("id")).intValue();
    }
}
