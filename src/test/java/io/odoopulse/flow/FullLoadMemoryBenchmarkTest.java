package io.odoopulse.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

import io.odoopulse.demo.simulator.OdooSimulator;
import io.odoopulse.demo.simulator.SimulatorSettings;
import io.odoopulse.support.ChildApplication;
import io.odoopulse.support.TestTenants;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Benchmark (mvn verify -Pbenchmark): the application, in its own JVM capped at -Xmx512m, fully loads 1,000,000
 * sale orders from the simulator; it must finish (pages are streamed, never a whole model held) and it prints the
 * time and rate.
 */
@Tag("benchmark")
class FullLoadMemoryBenchmarkTest {

    private static final int ORDERS = Integer.getInteger("benchmark.orders", 1_000_000);

    @TempDir
    Path work;

    @Test
    void aMillionOrdersLoadWithinFiveHundredTwelveMegabytesOfHeap() throws Exception {
        try (OdooSimulator odoo = OdooSimulator.start(SimulatorSettings.demo()
                .withGenerated(99, ORDERS, Instant.parse("2026-11-22T00:00:00Z")))) {
            Path tenants = Files.createDirectories(work.resolve("tenants"));
            TestTenants.bundle(tenants, "big", odoo.url(), odoo.settings().db(), "0/5 * * * * ?", """
                    pull:
                      page-size: 1000
                      reconcile-every: 0
                    """);
            ChildApplication app = ChildApplication.start("512m", work.resolve("app.log"),
                    "--pulse.tenants.dir=" + tenants, "--pulse.demo.odoo.enabled=false",
                    "--spring.datasource.url=jdbc:h2:file:" + work.resolve("pulse") + ";MODE=PostgreSQL",
                    "--camel.main.name=memory-benchmark");
            try {
                long started = System.nanoTime();
                await().atMost(Duration.ofMinutes(40)).pollInterval(Duration.ofSeconds(5))
                        .until(() -> !app.isAlive() || finished(app.pull("sale.order")));
                assertThat(app.isAlive()).as("the application ran out of memory or died; see its log").isTrue();
                double seconds = (System.nanoTime() - started) / 1e9;
                System.out.printf("full load benchmark: %,d orders with -Xmx512m in %.0f s (%,.0f records/s)%n",
                        ORDERS, seconds, ORDERS / seconds);
            } finally {
                app.close();
            }
        }
    }

    private static boolean finished(JsonNode pull) {
        return pull != null && pull.path("done").asLong() >= ORDERS && pull.path("finished").asBoolean();
    }
}
