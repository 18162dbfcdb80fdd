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

class OdooConnectionsTest {

    private final OdooSimulator odoo = OdooSimulator.start(SimulatorSettings.demo()
            .withGenerated(7, 200, Instant.parse("2026-11-22T00:00:00Z")));

    @AfterEach
    void stop() {
        odoo.close();
    }

    @Test
    void aReadRefusedOverACompanyTakenAwayMeanwhileFollowsTheUsersCompaniesAndGoesThrough() {
        OdooConnections connections = new OdooConnections(new TenantRegistry(Map.of("shop", new Tenant("shop", "Shop",
                new Tenant.OdooConnection(odoo.url(), odoo.settings().db(), odoo.settings().login(),
                        new Secret(odoo.settings().password())), "0 * * * * ?",
                Tenant.Pull.defaults(100, List.of("sale.order")), ZoneId.of("UTC"), Optional.empty(),
                Path.of("shop.yaml")))), MappingCatalog.load(Path.of("mappings")), RetryPolicy.DEFAULT,
                Duration.ofSeconds(10), DataSize.ofMegabytes(64), wait -> { });
        List<Integer> companies = connections.refreshCompanies("shop");
        assertThat(companies).as("a multi-company shop").hasSizeGreaterThan(1);
        int kept = companies.get(0);

        odoo.setUserCompanies(odoo.settings().login(), List.of(kept));
        int visible = connections.read("shop", c -> c.client().searchCount("sale.order", List.of(), c.context()));

        assertThat(visible).isEqualTo(odoo.database().records("sale.order").stream()
                .filter(o -> ((Number) ((List<?>) o.get("company_id")).get(0)).intValue() == kept).count());
        assertThat(connections.get("shop").context()).containsEntry("allowed_company_ids", List.of(kept));
    }
}
