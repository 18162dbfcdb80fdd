package io.odoopulse.tick;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.odoopulse.demo.SnapshotInbox;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;

/**
 * A tenant's tick is one unit: the demo bundle's ten models are pulled, then exactly one snapshot is computed and
 * pushed, after every model of that tick was stored, with each model's freshness.
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "camel.main.name=tenant-tick",
        "spring.datasource.url=jdbc:h2:mem:tenant-tick;DB_CLOSE_DELAY=-1;MODE=PostgreSQL",
        "pulse.demo.cron=0/3 * * * * ?",
        "pulse.demo.odoo.orders=300",
        "pulse.demo.odoo.as-of=2026-11-22T00:00:00Z"})
@DirtiesContext
class TenantTickIT {

    private static final List<String> MODELS = List.of("res.company", "res.currency.rate", "res.partner",
            "product.product", "sale.order", "sale.order.line", "pos.order", "account.move", "account.payment",
            "stock.quant", "stock.move", "stock.warehouse.orderpoint", "stock.location");

    @Autowired
    SnapshotInbox inbox;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void everyTickPushesExactlyOneSnapshot() {
        await().atMost(Duration.ofSeconds(60)).until(() -> inbox.all("demo").size() >= 4);
        List<JsonNode> pushes = inbox.all("demo");

        Set<String> ticks = new HashSet<>();
        for (JsonNode push : pushes) {
            assertThat(ticks.add(push.path("tick").path("scheduledAt").asText()))
                    .as("one push per tick: %s", push.path("tick")).isTrue();
        }
        List<Map<String, Object>> done = jdbc.queryForList("SELECT fire_time, attempts FROM tenant_tick "
                + "WHERE tenant = 'demo' AND status = 'DONE' AND delivered_at IS NOT NULL");
        assertThat(done.size()).as("ticks completed and delivered").isGreaterThanOrEqualTo(pushes.size() - 1)
                .isLessThanOrEqualTo(pushes.size());
        assertThat(done).allSatisfy(tick -> assertThat(((Number) tick.get("attempts")).intValue()).isEqualTo(1));
    }

    @Test
    void eachSnapshotIsComputedAfterEveryModelOfItsTickWasStored() {
        await().atMost(Duration.ofSeconds(60)).until(() -> inbox.all("demo").size() >= 3);

        for (JsonNode push : inbox.all("demo")) {
            Instant tickStarted = Instant.parse(push.path("tick").path("startedAt").asText());
            Instant generated = Instant.parse(push.path("generatedAt").asText());
            assertThat(push.path("freshness").findValuesAsText("model")).containsExactlyInAnyOrderElementsOf(MODELS);
            for (JsonNode model : push.path("freshness")) {
                assertThat(model.path("status").asText()).as("%s", model).isEqualTo("OK");
                Instant readAt = Instant.parse(model.path("readAt").asText());
                assertThat(readAt).as("%s read in this tick, before the snapshot", model.path("model").asText())
                        .isAfterOrEqualTo(tickStarted).isBeforeOrEqualTo(generated);
                assertThat(model.path("lagSeconds").asLong()).isBetween(0L, 60L);
                assertThat(model.path("checkpoint").asText()).isNotBlank();
            }
            assertThat(push.path("cards").findValues("stale")).isEmpty();
        }
    }

    @Test
    void theTickNamesTheInstanceThatRanIt() {
        await().atMost(Duration.ofSeconds(60)).until(() -> !inbox.all("demo").isEmpty());

        JsonNode tick = inbox.all("demo").get(0).path("tick");
        assertThat(tick.path("instance").asText()).endsWith("-" + ProcessHandle.current().pid());
        assertThat(tick.path("attempt").asInt()).isEqualTo(1);
    }
}
