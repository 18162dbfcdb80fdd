package io.odoopulse.odoo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.odoopulse.canonical.MappingCatalog;
import io.odoopulse.demo.simulator.OdooSimulator;
import io.odoopulse.demo.simulator.SimulatorSettings;
import io.odoopulse.tenant.Secret;
import io.odoopulse.tenant.Tenant;
import io.odoopulse.tenant.TenantRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/**
 * A bundle may list pos.order for every shop: where Point of Sale (or eCommerce) is not installed, its model (or the
 * sale order's website field) is not read at all, instead of failing the connect or every tick.
 */
class AbsentAppTest {

    private static final List<String> MODELS = List.of("res.company", "sale.order", "pos.order",
            "stock.warehouse.orderpoint", "stock.location");

    private final OdooSimulator odoo = OdooSimulator.start(SimulatorSettings.demo()
            .withGenerated(7, 200, Instant.parse("2026-11-22T00:00:00Z")));

    @AfterEach
    void stop() {
        odoo.close();
    }

    @Test
    void withPointOfSaleAndEcommerceInstalledEveryModelAndFieldIsRead() {
        OdooConnections connections = connections();

        assertThat(connections.pulledModels("shop")).containsExactlyElementsOf(MODELS);
        assertThat(connections.get("shop").readableFields("sale.order")).contains("website_id", "medium_id");
    }

    @Test
    void withoutThemPosOrderIsLeftOutOfTheTickAndTheWebsiteFieldOutOfTheRead() {
        uninstall("point_of_sale", "website_sale");
        OdooConnections connections = connections();

        assertThat(connections.pulledModels("shop")).containsExactly("res.company", "sale.order",
                "stock.warehouse.orderpoint", "stock.location");
        OdooConnections.Connection connection = connections.get("shop");
        assertThat(connection.apps()).containsEntry("point_of_sale", false).containsEntry("website_sale", false);
        assertThat(connection.absent("pos.order")).isTrue();
        assertThat(connection.readableFields("sale.order")).doesNotContain("website_id").contains("medium_id",
                "amount_total");
        // The read that the pull makes goes through with the fields left.
        assertThat(connection.client().searchRead("sale.order", List.of(), connection.readableFields("sale.order"),
                "id asc", 5, connection.context())).hasSize(5);
    }

    @Test
    void withoutInventoryTheReplenishmentRulesAndLocationsAreLeftOutOfTheTick() {
        uninstall("stock");
        OdooConnections connections = connections();

        assertThat(connections.pulledModels("shop")).containsExactly("res.company", "sale.order", "pos.order");
        assertThat(connections.get("shop").apps()).containsEntry("stock", false);
    }

    private void uninstall(String... apps) {
        List<Integer> ids = odoo.database().records("ir.module.module").stream()
                .filter(m -> List.of(apps).contains(m.get("name"))).map(m -> ((Number) m.get("id")).intValue())
                .toList();
        assertThat(ids).hasSize(apps.length);
        odoo.database().write("ir.module.module", ids, Map.of("state", "uninstalled"));
    }

    private OdooConnections connections() {
        return new OdooConnections(new TenantRegistry(Map.of("shop", new Tenant("shop", "Shop",
                new Tenant.OdooConnection(odoo.url(), odoo.settings().db(), odoo.settings().login(),
                        new Secret(odoo.settings().password())), "0 * * * * ?", Tenant.Pull.defaults(100, MODELS),
                ZoneId.of("UTC"), Optional.empty(), Path.of("shop.yaml")))), MappingCatalog.load(Path.of("mappings")),
                RetryPolicy.DEFAULT, Duration.ofSeconds(10), DataSize.ofMegabytes(64), wait -> { });
    }
}
