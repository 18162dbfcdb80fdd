package io.odoopulse.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.odoopulse.demo.simulator.OdooSimulator;
import io.odoopulse.demo.simulator.SimulatorSettings;
import io.odoopulse.support.BenchResults;
import io.odoopulse.support.ChildApplication;
import io.odoopulse.support.TestDatabase;
import io.odoopulse.support.TestTenants;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Benchmark (mvn verify -Pbenchmark): the application, in its own JVM capped at -Xmx512m, fully loads N sale orders
 * from the simulator (sizes: -Dbenchmark.fullload.orders=100000,1000000); it must finish (pages are streamed, never a
 * whole model held). Side by side in the same run, the simulator's own serving rate for the same pages read by a bare
 * client is the ceiling the connector's rate is a fraction of. Peak heap is sampled from the child's metrics, peak RSS
 * is the kernel's high-water mark (VmHWM). Each size runs with each store of -Dbenchmark.fullload.stores: h2 (the
 * default: the embedded file the product starts with) and postgresql (the local server, as production's store;
 * skipped when absent).
 */
@Tag("benchmark")
class FullLoadMemoryBenchmarkTest {

    private static final int PAGE = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern HEAP = Pattern.compile(
            "^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*} ([0-9.E+]+)", Pattern.MULTILINE);

    @TempDir
    Path work;

    /** Each size with each store asked for, side by side. */
    static Stream<Arguments> sizes() {
        List<String> stores = Arrays.stream(System.getProperty("benchmark.fullload.stores", "h2")
                .split(",")).map(String::trim).toList();
        return Arrays.stream(System.getProperty("benchmark.fullload.orders", "100000,1000000").split(","))
                .map(String::trim).map(Integer::parseInt)
                .flatMap(orders -> stores.stream().map(store -> Arguments.of(orders, store)));
    }

    @ParameterizedTest(name = "{0} orders, {1}")
    @MethodSource("sizes")
    void ordersLoadWithinFiveHundredTwelveMegabytesOfHeap(int orders, String store) throws Exception {
        TestDatabase.Handle postgres = store.equals("postgresql") ? TestDatabase.postgres() : null;
        try (OdooSimulator odoo = OdooSimulator.start(SimulatorSettings.demo()
                .withGenerated(99, orders, Instant.parse("2026-11-22T00:00:00Z")))) {
            double ceiling = servingRate(odoo, orders);
            Path tenants = Files.createDirectories(work.resolve("tenants"));
            // A tick every second: the load starts within a second of the application answering.
            TestTenants.bundle(tenants, "big", odoo.url(), odoo.settings().db(), "* * * * * ?", """
                    pull:
                      page-size: %d
                      reconcile-every: 0
                    """.formatted(PAGE));
            List<String> datasource = postgres == null
                    ? List.of("--spring.datasource.url=jdbc:h2:file:" + work.resolve("pulse") + ";MODE=PostgreSQL")
                    // As the README connects production's PostgreSQL (prepareThreshold=0, docs/scaling.md).
                    : List.of("--spring.datasource.url=" + postgres.url() + "&prepareThreshold=0",
                            "--spring.datasource.username=" + postgres.user());
            ChildApplication app = ChildApplication.start("512m", work.resolve("app.log"),
                    Stream.concat(Stream.of("--pulse.tenants.dir=" + tenants, "--pulse.demo.odoo.enabled=false",
                            "--camel.main.name=memory-benchmark"), datasource.stream()).toArray(String[]::new));
            try {
                await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(200))
                        .until(() -> !app.isAlive() || app.get("/api/pulls") != null);
                // Timed from the moment the application answers, so the JVM's and Spring's start are not counted.
                long started = System.nanoTime();
                AtomicLong peakHeap = new AtomicLong();
                await().atMost(Duration.ofMinutes(40)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> {
                            peakHeap.accumulateAndGet(heapUsed(app), Math::max);
                            return !app.isAlive() || allLoaded(app, orders);
                        });
                assertThat(app.isAlive()).as("the application ran out of memory or died; see its log").isTrue();
                double seconds = (System.nanoTime() - started) / 1e9;
                long records = 0;
                for (JsonNode pull : JSON.readTree(app.get("/api/pulls"))) {
                    records += pull.path("done").asLong();
                }
                long rssKb = peakRssKb(app.pid());
                Map<String, Object> figures = new LinkedHashMap<>();
                figures.put("orders", orders);
                figures.put("store", store);
                figures.put("records, all models", records);
                figures.put("seconds to load all", seconds);
                figures.put("records/s", records / seconds);
                figures.put("simulator ceiling records/s", ceiling);
                figures.put("fraction of ceiling", records / seconds / ceiling);
                figures.put("peak heap MB (sampled, Xmx512m)", peakHeap.get() / 1048576.0);
                figures.put("peak RSS MB", rssKb / 1024.0);
                // Issue 16's target, reported rather than asserted: 25,000 records/s within -Xmx512m.
                figures.put("target 25,000 records/s", records / seconds >= 25_000 ? "met" : "missed");
                BenchResults.record("full load " + orders + (postgres == null ? "" : " postgresql"), figures);
            } finally {
                if (System.getProperty("benchmark.jfr") != null) {
                    app.stop(); // a normal stop, so the flight recording is written
                }
                app.close();
            }
        } finally {
            if (postgres != null) {
                postgres.close();
            }
        }
    }

    /** A bare client reading every order in the connector's page size, keyset on id: what the simulator can serve. */
    private static double servingRate(OdooSimulator odoo, int orders) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        List<String> fields = List.of("name", "state", "date_order", "amount_total", "amount_untaxed", "amount_tax",
                "currency_id", "partner_id", "company_id", "write_date");
        long started = System.nanoTime();
        int read = 0;
        long lastId = 0;
        while (true) {
            Map<String, Object> body = Map.of("jsonrpc", "2.0", "method", "call", "id", 1, "params", Map.of(
                    "service", "object", "method", "execute_kw", "args", List.of(odoo.settings().db(), 2,
                            odoo.settings().password(), "sale.order", "search_read",
                            List.of(List.of(List.of("id", ">", lastId))),
                            Map.of("fields", fields, "order", "id asc", "limit", PAGE))));
            JsonNode page = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(odoo.url() + "/jsonrpc"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).path("result");
            if (page.isEmpty()) {
                break;
            }
            read += page.size();
            lastId = page.get(page.size() - 1).path("id").asLong();
        }
        assertThat(read).as("the bare client read every order").isEqualTo(orders);
        return read / ((System.nanoTime() - started) / 1e9);
    }

    private static long heapUsed(ChildApplication app) {
        String metrics = app.get("/actuator/prometheus");
        if (metrics == null) {
            return 0;
        }
        double sum = 0;
        Matcher pool = HEAP.matcher(metrics);
        while (pool.find()) {
            sum += Double.parseDouble(pool.group(1));
        }
        return (long) sum;
    }

    private static long peakRssKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    /** Every model's first pull finished, the orders all read. */
    private static boolean allLoaded(ChildApplication app, int orders) throws IOException {
        String body = app.get("/api/pulls");
        if (body == null) {
            return false;
        }
        boolean ordersRead = false;
        for (JsonNode pull : JSON.readTree(body)) {
            if (!pull.path("finished").asBoolean()) {
                return false;
            }
            ordersRead |= pull.path("model").asText().equals("sale.order") && pull.path("done").asLong() >= orders;
        }
        return ordersRead;
    }
}
