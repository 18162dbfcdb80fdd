package io.odoopulse.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.odoopulse.demo.simulator.OdooSimulator;
import io.odoopulse.demo.simulator.SimulatorSettings;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The flow extended with files alone, as an integration team would: a bundle folder holding the tenant, a mapping
 * override that reads a Studio field into each order's channel and keeps stock.location (a model the canonical
 * model does not know), and a route of its own that writes every pushed snapshot and every stored record to disk.
 * No Java but this test.
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "camel.main.name=flow-extended-in-yaml",
        "spring.datasource.url=jdbc:h2:mem:flow-extended-in-yaml;DB_CLOSE_DELAY=-1;MODE=PostgreSQL",
        "pulse.demo.odoo.enabled=false",
        "pulse.extensions.records=true"})
@DirtiesContext
class FlowExtendedInYamlIT {

    private static final Instant AS_OF = Instant.parse("2026-11-22T00:00:00Z");
    private static OdooSimulator odoo;
    private static Path out;
    private static final Map<Long, String> channels = new HashMap<>();

    @DynamicPropertySource
    static void aBundleFolderWithAnOverrideAndARouteOfItsOwn(DynamicPropertyRegistry properties) throws Exception {
        odoo = OdooSimulator.start(SimulatorSettings.demo().withGenerated(104, 60, AS_OF));
        odoo.database().addCustomField("sale.order", "x_studio_channel", "char", "Channel");
        for (Map<String, Object> order : odoo.database().records("sale.order")) {
            long id = ((Number) order.get("id")).longValue();
            String channel = id % 2 == 0 ? "Instagram" : "Market stall";
            channels.put(id, channel);
            odoo.database().write("sale.order", List.of((int) id), Map.of("x_studio_channel", channel));
        }
        Path tenants = Files.createTempDirectory("flow-extended");
        out = Files.createTempDirectory("flow-extended-out");
        Path shop = Files.createDirectories(tenants.resolve("shop/routes"));
        Files.writeString(tenants.resolve("shop/tenant.yaml"), """
                id: shop
                odoo:
                  url: %s
                  database: %s
                  login: admin
                  password: admin
                schedule:
                  cron: "0/2 * * * * ?"
                pull:
                  models: [sale.order, stock.location]
                kpi:
                  as-of: %s
                mapping-overrides: mapping.yaml
                """.formatted(odoo.url(), odoo.settings().db(), AS_OF));
        Files.writeString(tenants.resolve("shop/mapping.yaml"), """
                models:
                  # The channel of each sale, kept by the shop in an Odoo Studio field.
                  sale.order:
                    fields:
                      channel: { from: x_studio_channel }
                  # Warehouse locations: not part of the canonical model, kept as generic records.
                  stock.location:
                    canonical: GenericRecord
                    fields:
                      name:      { from: complete_name }
                      usage:     { from: usage }
                      parent:    { from: location_id, type: many2one-name }
                      updatedAt: { from: write_date, type: datetime, required: true }
                """);
        Files.writeString(shop.resolve("to-disk.camel.yaml"), """
                - route:
                    id: shop-snapshots-to-disk
                    from:
                      uri: "seda:pulse.snapshots?multipleConsumers=true"
                      steps:
                        - filter:
                            simple: "${header.pulseTenant} == 'shop'"
                            steps:
                              - to: "file:%1$s/snapshots?fileName=${exchangeId}.json"
                - route:
                    id: shop-records-to-disk
                    from:
                      uri: "seda:pulse.records?multipleConsumers=true"
                      steps:
                        - marshal:
                            json:
                              library: Jackson
                        - to: "file:%1$s/records?fileName=${header.pulseModel}/${exchangeId}.json"
                """.formatted(out));
        properties.add("pulse.tenants.dir", tenants::toString);
    }

    @AfterAll
    static void stopOdoo() {
        odoo.close();
    }

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theStudioFieldReachesTheOrdersAndTheExtraModelIsStored() {
        int locations = odoo.database().records("stock.location").size();
        await().atMost(Duration.ofSeconds(90)).until(() -> storedLocations() == locations
                && storedChannels().equals(channels));

        String first = odoo.database().records("stock.location").get(0).get("complete_name").toString();
        assertThat(jdbc.queryForList("SELECT payload FROM canonical_generic_record WHERE tenant = 'shop'",
                String.class)).anySatisfy(payload -> assertThat(payload).contains("\"name\":\"" + first + "\"",
                "\"usage\":"));
    }

    @Test
    void theBundlesOwnRouteReceivesEveryPushedSnapshotAndTheStoredRecords() throws IOException {
        await().atMost(Duration.ofSeconds(90)).until(() -> files("snapshots").size() >= 1
                && files("records/sale.order").size() == channels.size()
                && !files("records/stock.location").isEmpty());

        assertThat(files("snapshots").get(0)).contains("\"tenant\":\"shop\"", "\"cards\"");
        assertThat(files("records/sale.order")).anySatisfy(order -> assertThat(order)
                .contains("\"sourceModel\":\"sale.order\"", "\"channel\":\"Instagram\""));
        assertThat(files("records/stock.location")).allSatisfy(location -> assertThat(location)
                .contains("\"sourceModel\":\"stock.location\"", "\"payload\""));
    }

    private int storedLocations() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM canonical_generic_record WHERE tenant = 'shop' "
                + "AND source_model = 'stock.location'", Integer.class);
    }

    private Map<Long, String> storedChannels() {
        Map<Long, String> stored = new HashMap<>();
        jdbc.query("SELECT source_id, channel FROM canonical_order WHERE tenant = 'shop'",
                row -> { stored.put(row.getLong(1), row.getString(2)); });
        return stored;
    }

    private static List<String> files(String folder) throws IOException {
        Path dir = out.resolve(folder);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().map(f -> {
                try {
                    return Files.readString(f);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
    }
}
