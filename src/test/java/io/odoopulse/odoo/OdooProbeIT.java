package io.odoopulse.odoo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.odoopulse.demo.simulator.DatasetSource;
import io.odoopulse.demo.simulator.OdooFlavour;
import io.odoopulse.demo.simulator.OdooSimulator;
import io.odoopulse.demo.simulator.SimulatorSettings;
import io.odoopulse.support.TestTenants;
import io.odoopulse.tenant.Secret;
import io.odoopulse.tenant.Tenant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OdooProbeIT {

    @Test
    void theProbeReportsVersionAppsCompaniesCountsAndWhichCardsLightUp() {
        try (OdooSimulator odoo = OdooSimulator.start(SimulatorSettings.demo()
                .withGenerated(3, 120, Instant.parse("2026-11-22T00:00:00Z")))) {
            OdooProbe.Report report = OdooProbe.forTenant(tenant(odoo.url(), odoo.settings().db()));

            assertThat(report.version().major()).isEqualTo(17);
            assertThat(report.apps()).containsEntry("sale", true);
            assertThat(report.companies()).isNotEmpty();
            assertThat(report.recordCounts()).containsEntry("sale.order", 120);
            assertThat(report.cards()).containsEntry("sales (revenue, orders, AOV, order mix, cancellations)", true);
            assertThat(report.render()).contains("17.0 (Community)", "[lights up]", "sale.order");
        }
    }

    @Test
    void onlyAnOdooOnlineAddressGetsTheNoteAboutItsPlan() {
        assertThat(OdooProbe.isOdooOnline("https://acme.odoo.com")).isTrue();
        assertThat(OdooProbe.isOdooOnline("https://odoo.acme.com")).isFalse();
        assertThat(OdooProbe.isOdooOnline("https://acme.odoo.sh")).isFalse();
        assertThat(OdooProbe.isOdooOnline("http://127.0.0.1:8069")).isFalse();
    }

    /** The simulator loaded with a real server's dataset (no module list in it) answers the probe as that server does. */
    @ParameterizedTest(name = "Odoo {0}")
    @ValueSource(strings = {"16.0", "17.0", "18.0", "19.0"})
    void againstTheRecordedDatasetTheProbeReadsTheModuleListAndExactCounts(String version) throws IOException {
        try (OdooSimulator odoo = OdooSimulator.start(SimulatorSettings.demo().withFlavour(OdooFlavour.of(version))
                .withDataset(new DatasetSource.Classpath("odoo-contract/" + version + "/dataset")))) {
            probeReadsTheModuleListAndExactCounts(odoo.url(), version);
        }
    }

    /** Live: the real Odoo 16's module list and record counts, as exported in its dataset manifest. */
    @Test
    @EnabledIfEnvironmentVariable(named = "ODOO_LIVE_16_URL", matches = ".+")
    void againstARealOdoo16TheProbeReadsTheModuleListAndExactCounts() throws IOException {
        probeReadsTheModuleListAndExactCounts(System.getenv("ODOO_LIVE_16_URL"), "16.0");
    }

    /** Live: the real Odoo 17's module list and record counts, as exported in its dataset manifest. */
    @Test
    @EnabledIfEnvironmentVariable(named = "ODOO_LIVE_17_URL", matches = ".+")
    void againstARealOdooTheProbeReadsTheModuleListAndExactCounts() throws IOException {
        probeReadsTheModuleListAndExactCounts(System.getenv("ODOO_LIVE_17_URL"), "17.0");
    }

    private void probeReadsTheModuleListAndExactCounts(String url, String version) throws IOException {
        OdooProbe.Report report = OdooProbe.forTenant(tenant(url, "odoo" + version.replace(".0", "")));

        assertThat(report.apps()).containsEntry("sale", true).containsEntry("stock", true)
                .containsEntry("account", true).containsEntry("point_of_sale", true).containsEntry("mrp", false);
        JsonNode manifest;
        try (InputStream in = getClass().getResourceAsStream("/odoo-contract/" + version + "/dataset/manifest.json")) {
            manifest = new ObjectMapper().readTree(in);
        }
        for (String model : new String[] {"sale.order", "account.move", "stock.move", "res.currency.rate"}) {
            assertThat(report.recordCounts().get(model)).as(model)
                    .isEqualTo(manifest.path("models").path(model).path("count").asInt());
        }
        assertThat(report.cards()).doesNotContainValue(false);
    }

    private static Tenant tenant(String url, String database) {
        Tenant base = TestTenants.withFixedAsOf("probe", Instant.EPOCH).get("probe");
        return new Tenant("probe", "Probe", new Tenant.OdooConnection(url, database, "admin", new Secret("admin")),
                base.cron(), base.pull(), base.timezone(), base.asOf(), Path.of("probe.yaml"));
    }
}
