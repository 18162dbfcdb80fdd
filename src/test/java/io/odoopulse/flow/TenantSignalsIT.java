package io.odoopulse.flow;

import static io.odoopulse.support.Actuator.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import io.odoopulse.demo.simulator.OdooSimulator;
import io.odoopulse.demo.simulator.SimulatorSettings;
import io.odoopulse.support.Actuator;
import io.odoopulse.support.TestTenants;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What an on-call person sees after a known run of three tenants: two shops on Odoo simulators of their own and one
 * whose Odoo is not there. The Prometheus scrape carries each tenant's figures, each tenant has its own health
 * indicator, and a shop whose Odoo goes away turns DOWN while the other stays UP.
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "camel.main.name=tenant-signals",
        "spring.datasource.url=jdbc:h2:mem:tenant-signals;DB_CLOSE_DELAY=-1;MODE=PostgreSQL",
        "pulse.demo.odoo.enabled=false",
        "pulse.signals.refresh-interval=500ms",
        // The tenant whose Odoo is not there gives up quickly, so its ticks keep the pace of the others.
        "pulse.odoo.max-attempts=2",
        "pulse.odoo.initial-backoff=50ms",
        "pulse.retry.maximum-redeliveries=0"})
@AutoConfigureObservability
@DirtiesContext
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TenantSignalsIT {

    private static final Instant AS_OF = Instant.parse("2026-11-22T00:00:00Z");
    private static final OdooSimulator NORTH = OdooSimulator.start(SimulatorSettings.demo().withGenerated(11, 40, AS_OF));
    private static final OdooSimulator SOUTH = OdooSimulator.start(SimulatorSettings.demo().withGenerated(12, 70, AS_OF));

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    @DynamicPropertySource
    static void tenants(DynamicPropertyRegistry registry) throws IOException {
        Path dir = Files.createTempDirectory("tenant-signals");
        String models = """
                pull:
                  models: [res.partner, sale.order]
                """;
        TestTenants.bundle(dir, "north", NORTH.url(), NORTH.settings().db(), "0/2 * * * * ?", models);
        TestTenants.bundle(dir, "south", SOUTH.url(), SOUTH.settings().db(), "0/2 * * * * ?", models);
        TestTenants.bundle(dir, "gone", "http://127.0.0.1:" + closedPort(), "odoo17", "0/2 * * * * ?", models);
        registry.add("pulse.tenants.dir", dir::toString);
    }

    @AfterAll
    static void stopOdoo() {
        NORTH.close();
        SOUTH.close();
    }

    @BeforeEach
    void everyTenantTickedTwice() {
        await().atMost(Duration.ofSeconds(90)).until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM (SELECT tenant "
                + "FROM tenant_tick WHERE status = 'DONE' GROUP BY tenant HAVING COUNT(*) >= 2) t", Integer.class) == 3);
    }

    @Test
    @Order(1)
    void theScrapeCarriesEachShopsStoredOrdersAsOdooHasThem() {
        int northOrders = NORTH.database().records("sale.order").size();
        int southOrders = SOUTH.database().records("sale.order").size();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            String scrape = actuator().scrape();
            assertThat(sample(scrape, "pulse_store_records", "tenant=\"north\"", "model=\"sale.order\""))
                    .hasValue(northOrders);
            assertThat(sample(scrape, "pulse_store_records", "tenant=\"south\"", "model=\"sale.order\""))
                    .hasValue(southOrders);
            assertThat(sample(scrape, "pulse_store_records", "tenant=\"gone\"", "model=\"sale.order\"")).hasValue(0);
        });
    }

    @Test
    @Order(1)
    void theScrapeSaysWhenEachShopLastTickedAndHowFarItLagsItsOdoo() {
        // The gauges read the database on their own schedule, so the first scrape after the ticks may predate it.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            String scrape = actuator().scrape();
            double now = Instant.now().toEpochMilli() / 1000.0;
            for (String shop : new String[] {"north", "south"}) {
                String tenant = "tenant=\"" + shop + "\"";
                assertThat(sample(scrape, "pulse_tenant_last_success_seconds", tenant).orElseThrow())
                        .as("%s last success", shop).isBetween(now - 15, now);
                assertThat(sample(scrape, "pulse_tenant_last_push_seconds", tenant).orElseThrow())
                        .as("%s last push", shop).isBetween(now - 15, now);
                // Ticks every 2 s: the oldest complete read started a few seconds ago at most.
                assertThat(sample(scrape, "pulse_tenant_lag_seconds", tenant).orElseThrow())
                        .as("%s lag", shop).isBetween(0.0, 15.0);
                assertThat(sample(scrape, "pulse_push_duration_seconds_count", tenant).orElseThrow())
                        .as("%s pushes timed", shop).isGreaterThanOrEqualTo(2);
                assertThat(sample(scrape, "pulse_deadletters_open", tenant, "stage=\"pull\"")).hasValue(0);
            }
            assertThat(sample(scrape, "pulse_tenant_lag_seconds", "tenant=\"gone\"")).hasValue(Double.NaN);
        });
    }

    @Test
    @Order(1)
    void theTenantWhoseOdooIsNotThereHasOneOpenPullDeadLetterPerModel() {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            String scrape = actuator().scrape();
            assertThat(sample(scrape, "pulse_deadletters_open", "tenant=\"gone\"", "stage=\"pull\"")).hasValue(2);
            assertThat(sample(scrape, "pulse_deadletters_open", "tenant=\"gone\"", "stage=\"store\"")).hasValue(0);
            assertThat(sample(scrape, "pulse_deadletters_open", "tenant=\"gone\"", "stage=\"push\"")).hasValue(0);
        });
    }

    @Test
    @Order(1)
    void eachTenantHasItsOwnHealthAndReadinessIsDownWhileOneOdooIsUnreachable() {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(actuator().get("health/tenants/north").body()).contains("\"status\":\"UP\"");
            var gone = actuator().get("health/tenants/gone");
            assertThat(gone.statusCode()).isEqualTo(503);
            assertThat(gone.body()).contains("\"status\":\"DOWN\"", "\"odoo\":\"UNREACHABLE\"", "sale.order",
                    "res.partner");
            var readiness = actuator().get("health/readiness");
            assertThat(readiness.statusCode()).isEqualTo(503);
            assertThat(readiness.body()).contains("\"tenants\"", "\"readinessState\"");
        });
    }

    @Test
    @Order(2)
    void aShopWhoseOdooGoesAwayTurnsDownWhileTheOtherStaysUp() {
        assertThat(actuator().get("health/tenants/south").body()).contains("\"status\":\"UP\"");

        SOUTH.close();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(actuator().get("health/tenants/south").body()).contains("\"status\":\"DOWN\""));
        assertThat(actuator().get("health/tenants/north").body()).contains("\"status\":\"UP\"");
    }

    private Actuator actuator() {
        return new Actuator(port);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
