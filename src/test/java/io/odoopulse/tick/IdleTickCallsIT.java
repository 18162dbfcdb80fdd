package io.odoopulse.tick;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.odoopulse.OdooPulseApplication;
import io.odoopulse.demo.simulator.OdooSimulator;
import io.odoopulse.demo.simulator.SimulatorSettings;
import io.odoopulse.support.HostileOdoo;
import io.odoopulse.support.TestTenants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An idle tick (nothing changed in Odoo since the last one) of a tenant pulling ten models costs a known number of
 * calls to Odoo, counted at the socket by a forwarding proxy between the application and the simulator; the number is
 * the one docs/benchmarks.md gives. Parity audits and reconciliations are off: they are other ticks' work.
 */
class IdleTickCallsIT {

    /** docs/benchmarks.md, "Calls per idle tick". */
    static final int CALLS_PER_IDLE_TICK = 13;

    private static final List<String> MODELS = List.of("res.company", "res.currency.rate", "res.partner",
            "product.product", "sale.order", "sale.order.line", "account.move", "account.payment", "stock.quant",
            "stock.move");

    @TempDir
    Path work;

    @Test
    void anIdleTickOfTenModelsCostsTheDocumentedNumberOfCalls() throws Exception {
        Instant asOf = Instant.parse("2026-11-22T00:00:00Z");
        try (OdooSimulator odoo = OdooSimulator.start(SimulatorSettings.demo().withGenerated(3, 300, asOf));
             HostileOdoo counted = HostileOdoo.start(odoo.url())) {
            Path tenants = Files.createDirectories(work.resolve("tenants"));
            TestTenants.bundle(tenants, "idle", counted.url(), odoo.settings().db(), "0/4 * * * * ?", """
                    pull:
                      page-size: 200
                      models: %s
                      reconcile-every: 0
                      audit-every: 0
                    kpi:
                      as-of: %s
                    """.formatted(MODELS, asOf));
            try (ConfigurableApplicationContext app = new SpringApplicationBuilder(OdooPulseApplication.class).run(
                    "--server.port=0", "--pulse.tenants.dir=" + tenants, "--pulse.demo.odoo.enabled=false",
                    "--spring.datasource.url=jdbc:h2:file:" + work.resolve("pulse") + ";MODE=PostgreSQL",
                    "--camel.main.name=idle-tick-calls")) {
                JdbcTemplate store = app.getBean(JdbcTemplate.class);
                // The first tick loads; the second may still see the first's tail; from the third on, ticks are idle.
                await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(50)).until(() -> done(store) >= 3);
                int before = counted.calls();
                Map<String, Integer> modelsBefore = byModel(counted);
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> done(store) >= 4);
                int calls = counted.calls() - before;
                Map<String, Integer> perModel = new LinkedHashMap<>();
                byModel(counted).forEach((model, count) -> perModel.put(model, count - modelsBefore.get(model)));
                System.out.printf("[benchmark] idle tick of %d models: %d calls to Odoo; by model %s%n",
                        MODELS.size(), calls, perModel);
                assertThat(store.queryForObject("SELECT COUNT(*) FROM dead_letter", Integer.class)).isZero();
                assertThat(calls).as("calls to Odoo in one idle tick (by model: %s)", perModel)
                        .isEqualTo(CALLS_PER_IDLE_TICK);
            }
        }
    }

    private static int done(JdbcTemplate store) {
        return store.queryForObject("SELECT COUNT(*) FROM tenant_tick WHERE tenant = 'idle' AND status = 'DONE'",
                Integer.class);
    }

    private static Map<String, Integer> byModel(HostileOdoo counted) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        MODELS.forEach(model -> counts.put(model, counted.calls(model)));
        return counts;
    }
}
