package io.odoopulse.flow;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.odoopulse.demo.simulator.OdooSimulator;
import io.odoopulse.demo.simulator.SimulatorSettings;
import io.odoopulse.support.BenchResults;
import io.odoopulse.support.ChildApplication;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Benchmark (mvn verify -Pbenchmark): against the simulator with N sale orders (sizes:
 * -Dbenchmark.incremental.orders=10000,100000), after the first full load, 1 % of the orders are edited through the
 * API and one tick is fired: the wall time from the tick (pull-now) to the pushed snapshot holding the edit, in the
 * application's own JVM (-Xmx512m, H2 file store), ten models pulled. Issue 16's target: within 2 s. Each round also
 * runs the merchant's script (bench/merchant_kpis.py, as in RealOdooBenchmarkTest) against the same simulator: the
 * script-to-refresh ratio at a size a real test server does not hold.
 */
@Tag("benchmark")
class IncrementalSnapshotBenchmarkTest {

    private static final int ROUNDS = 3;
    private static final Instant AS_OF = Instant.parse("2026-11-22T00:00:00Z");
    private static final List<String> MODELS = List.of("res.company", "res.currency.rate", "res.partner",
            "product.product", "sale.order", "sale.order.line", "account.move", "account.payment", "stock.quant",
            "stock.move");

    @TempDir
    Path work;

    static IntStream sizes() {
        return Arrays.stream(System.getProperty("benchmark.incremental.orders", "10000,100000").split(","))
                .map(String::trim).mapToInt(Integer::parseInt);
    }

    @ParameterizedTest(name = "{0} orders")
    @MethodSource("sizes")
    void snapshotPushedWithinTwoSecondsOfTheTick(int orders) throws Exception {
        try (OdooSimulator odoo = OdooSimulator.start(SimulatorSettings.demo().withGenerated(11, orders, AS_OF))) {
            Path tenants = Files.createDirectories(work.resolve("tenants"));
            RefreshTiming.bundle(tenants, "incr", odoo.url(), odoo.settings().db(), MODELS, AS_OF);
            ChildApplication app = RefreshTiming.start(work, tenants, "512m", "incremental-benchmark");
            try {
                double firstLoad = RefreshTiming.firstLoad(app, "incr", MODELS.size(), Duration.ofMinutes(60));
                long records = RefreshTiming.recordsRead(app, "incr");
                List<Double> refreshes = new ArrayList<>();
                List<Double> ticks = new ArrayList<>();
                List<Double> scripts = new ArrayList<>();
                com.fasterxml.jackson.databind.JsonNode snapshot = null;
                com.fasterxml.jackson.databind.JsonNode script = null;
                for (int round = 0; round < ROUNDS; round++) {
                    String written = RefreshTiming.changeOnePercent(odoo.url(), odoo.settings().db(),
                            "benchmark edit " + round);
                    RefreshTiming.Refresh refresh = RefreshTiming.refresh(app, "incr", written);
                    refreshes.add(refresh.seconds());
                    ticks.add(RefreshTiming.tickToGenerated(refresh.snapshot()));
                    snapshot = refresh.snapshot();
                    // What the merchant would run instead, against the same Odoo: it reads every order again.
                    long started = System.nanoTime();
                    script = RefreshTiming.merchantScript(work, odoo.url(), odoo.settings().db(), AS_OF.toString());
                    scripts.add((System.nanoTime() - started) / 1e9);
                }
                List<String> differences = RealOdooBenchmarkTest.differences(script.path("windows"), snapshot);
                double merchant = RealOdooBenchmarkTest.median(scripts);
                double median = RealOdooBenchmarkTest.median(refreshes);
                Map<String, Object> figures = new LinkedHashMap<>();
                figures.put("orders", orders);
                figures.put("records, ten models", records);
                figures.put("first load s", firstLoad);
                figures.put("orders changed per round", Math.max(1, orders / 100));
                figures.put("tick to pushed snapshot s (median of " + ROUNDS + ")", median);
                figures.put("  slowest round s", refreshes.stream().mapToDouble(Double::doubleValue).max()
                        .orElseThrow());
                figures.put("  tick start to snapshot computed s", RealOdooBenchmarkTest.median(ticks));
                // Issue 16's targets, reported rather than asserted.
                figures.put("target <= 2 s", median <= 2 ? "met" : "missed");
                figures.put("merchant script s (median of " + ROUNDS + ")", merchant);
                figures.put("ratio script/connector", merchant / median);
                figures.put("script figures equal the cards", differences.isEmpty() ? "yes" : differences.toString());
                figures.put("target script/connector >= 10", merchant / median >= 10 ? "met" : "missed");
                BenchResults.record("incremental " + orders, figures);
                org.assertj.core.api.Assertions.assertThat(differences)
                        .as("the script's figures equal the connector's cards").isEmpty();
            } finally {
                if (System.getProperty("benchmark.jfr") != null) {
                    app.stop(); // a normal stop, so the flight recording is written
                }
                app.close();
            }
        }
    }
}
