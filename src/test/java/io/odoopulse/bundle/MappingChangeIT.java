package io.odoopulse.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.odoopulse.demo.simulator.OdooSimulator;
import io.odoopulse.demo.simulator.SimulatorSettings;
import io.odoopulse.support.TestTenants;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A shop's mapping changes while it runs: its bundle gains an override that reads a Studio field into each order's
 * channel, then the override is edited in place to read another one. No order changes in Odoo, so no incremental
 * read would ever return them again; yet every stored order soon carries what the current mapping makes of it,
 * because the sale orders are read again in full under each new mapping.
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "camel.main.name=mapping-change",
        "spring.datasource.url=jdbc:h2:mem:mapping-change;DB_CLOSE_DELAY=-1;MODE=PostgreSQL",
        "pulse.demo.odoo.enabled=false"})
@DirtiesContext
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MappingChangeIT {

    private static final Instant AS_OF = Instant.parse("2026-11-22T00:00:00Z");
    private static final Map<Long, String> CHANNELS = new HashMap<>();
    private static final Map<Long, String> SOURCES = new HashMap<>();
    private static OdooSimulator odoo;
    private static Path shop;

    @DynamicPropertySource
    static void aShopWithoutOverride(DynamicPropertyRegistry properties) throws Exception {
        odoo = OdooSimulator.start(SimulatorSettings.demo().withGenerated(105, 80, AS_OF));
        odoo.database().addCustomField("sale.order", "x_studio_channel", "char", "Channel");
        odoo.database().addCustomField("sale.order", "x_studio_source", "char", "Source");
        for (Map<String, Object> order : odoo.database().records("sale.order")) {
            long id = ((Number) order.get("id")).longValue();
            String channel = id % 3 == 0 ? "Instagram" : "Market stall";
            String source = id % 2 == 0 ? "Newsletter" : "Walk-in";
            CHANNELS.put(id, channel);
            SOURCES.put(id, source);
            odoo.database().write("sale.order", List.of((int) id), Map.of("x_studio_channel", channel,
                    "x_studio_source", source));
        }
        Path tenants = Files.createTempDirectory("mapping-change");
        shop = Files.createDirectories(tenants.resolve("shop"));
        Files.writeString(shop.resolve("tenant.yaml"), tenant(""));
        properties.add("pulse.tenants.dir", tenants::toString);
        properties.add("pulse.tenants.scan-interval", () -> "500ms");
    }

    @AfterAll
    static void stopOdoo() {
        odoo.close();
    }

    @Autowired
    JdbcTemplate jdbc;

    @Test
    @Order(1)
    void anOverrideAddedWhileRunningReachesEveryStoredOrderWithoutAnyOrderChangingInOdoo() throws Exception {
        await().atMost(Duration.ofSeconds(90)).until(() -> stored().size() == CHANNELS.size() && doneTicks() >= 4);
        assertThat(stored().values()).as("before the override: the sales team").doesNotContain("Instagram",
                "Market stall");

        Files.writeString(shop.resolve("mapping.yaml"), """
                models:
                  sale.order:
                    fields:
                      channel: { from: x_studio_channel }
                """);
        Files.writeString(shop.resolve("tenant.yaml"), tenant("mapping-overrides: mapping.yaml\n"));

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(stored()).isEqualTo(CHANNELS));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM canonical_order WHERE tenant = 'shop'", Integer.class))
                .as("read again, not doubled").isEqualTo(CHANNELS.size());
    }

    @Test
    @Order(2)
    void anOverrideEditedInPlaceReachesEveryStoredOrderToo() throws Exception {
        int ticks = doneTicks();
        await().atMost(Duration.ofSeconds(30)).until(() -> doneTicks() >= ticks + 3);

        // Only the override file changes, under the same name.
        Files.writeString(shop.resolve("mapping.yaml"), """
                models:
                  sale.order:
                    fields:
                      channel: { from: x_studio_source }
                """);

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(stored()).isEqualTo(SOURCES));
    }

    private static String tenant(String more) {
        return TestTenants.yaml("shop", odoo.url(), odoo.settings().db(), "0/2 * * * * ?", """
                pull:
                  models: [sale.order]
                  # Settled soon after: later reads start at the checkpoint and return no unchanged order.
                  overlap-seconds: 1
                kpi:
                  as-of: %s
                """.formatted(AS_OF) + more);
    }

    private Map<Long, String> stored() {
        Map<Long, String> stored = new HashMap<>();
        jdbc.query("SELECT source_id, channel FROM canonical_order WHERE tenant = 'shop' AND deleted_at IS NULL",
                row -> { stored.put(row.getLong(1), row.getString(2)); });
        return stored;
    }

    private int doneTicks() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM tenant_tick WHERE tenant = 'shop' AND status = 'DONE'",
                Integer.class);
    }
}
