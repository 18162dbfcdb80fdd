package io.odoopulse.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.odoopulse.canonical.MappingCatalog;
import io.odoopulse.canonical.MappingFile;
import io.odoopulse.support.BenchResults;
import io.odoopulse.support.ChildApplication;
import io.odoopulse.support.TestTenants;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Benchmark (mvn verify -Pbenchmark) against a real Odoo 17, 18 or 19 at ODOO_BENCH_&lt;major&gt;_URL with its database
 * in ODOO_BENCH_&lt;major&gt;_DB (skipped without them; it writes: use a copy of your own), side by side in one run:
 *
 * <ul>
 *   <li>full load of the ten models by the connector (its own JVM, pages of 200) against a minimal client written
 *       here: the same fields (the mapping's), the same pages and order, two models at a time;</li>
 *   <li>one refresh after 1 % of the sale orders changed: the connector's tick to its pushed snapshot against
 *       src/test/resources/bench/merchant_kpis.py, which has to pull every order again, whose revenue, orders and
 *       AOV must equal the connector's cards.</li>
 * </ul>
 */
@Tag("benchmark")
class RealOdooBenchmarkTest {

    private static final int PAGE = 200;
    private static final int ROUNDS = 3;
    private static final String AS_OF = "2026-11-22T00:00:00Z";
    private static final List<String> MODELS = List.of("res.company", "res.currency.rate", "res.partner",
            "product.product", "sale.order", "sale.order.line", "account.move", "account.payment", "stock.quant",
            "stock.move");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    @ParameterizedTest(name = "Odoo {0}")
    @ValueSource(ints = {17, 18, 19})
    void connectorAgainstMinimalClientAndMerchantScript(int major) throws Exception {
        String url = System.getenv("ODOO_BENCH_" + major + "_URL");
        String db = System.getenv("ODOO_BENCH_" + major + "_DB");
        assumeTrue(url != null && !url.isBlank() && db != null && !db.isBlank(),
                "ODOO_BENCH_" + major + "_URL / _DB not set");
        String tenant = "bench" + major;
        Path tenants = Files.createDirectories(work.resolve("tenants"));
        // Windows as the script computes them: UTC days before a fixed as-of (the seeded history ends there).
        String bundle = """
                pull:
                  page-size: %d
                  models: %s
                  reconcile-every: 0
                  audit-every: 0
                kpi:
                  as-of: %s
                  timezone: UTC
                """.formatted(PAGE, MODELS, AS_OF);
        TestTenants.bundle(tenants, tenant, url, db, RefreshTiming.NEVER, bundle);
        // A second client of the same Odoo, loaded after the first: a tenant added to a running instance.
        TestTenants.bundle(tenants, tenant + "b", url, db, RefreshTiming.NEVER, bundle);
        ChildApplication app = ChildApplication.start("512m", work.resolve("app.log"),
                "--pulse.tenants.dir=" + tenants, "--pulse.demo.odoo.enabled=false",
                "--spring.datasource.url=jdbc:h2:file:" + work.resolve("pulse") + ";MODE=PostgreSQL",
                "--camel.main.name=real-odoo-benchmark-" + major);
        try {
            org.awaitility.Awaitility.await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(200))
                    .until(() -> !app.isAlive() || app.get("/api/pulls") != null);
            assertThat(app.isAlive()).as("the application started; see its log").isTrue();

            // a. The limit first, then the connector, one after the other on the same server.
            Minimal minimal = minimalClient(url, db, major + ".0");
            double cpuBefore = app.cpuSeconds();
            double connector = RefreshTiming.firstLoad(app, tenant, MODELS.size(), Duration.ofMinutes(20));
            double cpu = app.cpuSeconds() - cpuBefore;
            long records = RefreshTiming.recordsRead(app, tenant);
            Map<String, Object> load = new LinkedHashMap<>();
            load.put("records, ten models (connector)", records);
            load.put("records, ten models (minimal client)", minimal.records());
            load.put("connector full load s", connector);
            load.put("minimal client s", minimal.seconds());
            // The connector's own CPU in that time (all its threads, the polls of this test included): on a
            // machine that also runs Odoo and its database, what it takes from them.
            load.put("connector CPU s during its full load", cpu);
            load.put("ratio connector/minimal", connector / minimal.seconds());
            // Issue 16's target, reported rather than asserted.
            load.put("target <= 1.25", connector / minimal.seconds() <= 1.25 ? "met" : "missed");
            // The first load above is also the JVM's first run of this code, compiled by the JIT meanwhile on the
            // same cores. The same load by a second tenant, each side measured again in turn: the instance running.
            Minimal minimalAgain = minimalClient(url, db, major + ".0");
            double secondCpuBefore = app.cpuSeconds();
            double second = RefreshTiming.firstLoad(app, tenant + "b", MODELS.size(), Duration.ofMinutes(20));
            load.put("second tenant: connector full load s", second);
            load.put("second tenant: minimal client s", minimalAgain.seconds());
            load.put("second tenant: connector CPU s", app.cpuSeconds() - secondCpuBefore);
            load.put("second tenant: ratio connector/minimal", second / minimalAgain.seconds());
            load.put("second tenant: target <= 1.25", second / minimalAgain.seconds() <= 1.25 ? "met" : "missed");
            assertThat(RefreshTiming.recordsRead(app, tenant + "b")).isEqualTo(minimalAgain.records());
            BenchResults.record("real Odoo " + major + " full load", load);

            // b. Rounds of: 1 % of the orders edited, the connector's refresh, the script's full re-pull.
            List<Double> refreshes = new ArrayList<>();
            List<Double> ticks = new ArrayList<>();
            List<Double> scripts = new ArrayList<>();
            JsonNode snapshot = null;
            JsonNode script = null;
            for (int round = 0; round < ROUNDS; round++) {
                String written = RefreshTiming.changeOnePercent(url, db, "benchmark " + System.nanoTime());
                RefreshTiming.Refresh refresh = RefreshTiming.refresh(app, tenant, written);
                refreshes.add(refresh.seconds());
                ticks.add(RefreshTiming.tickToGenerated(refresh.snapshot()));
                snapshot = refresh.snapshot();
                long started = System.nanoTime();
                script = RefreshTiming.merchantScript(work, url, db, AS_OF);
                scripts.add((System.nanoTime() - started) / 1e9);
            }
            List<String> differences = differences(script.path("windows"), snapshot);
            double refresh = median(refreshes);
            double merchant = median(scripts);
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("orders (script read)", script.path("orders read").asLong());
            figures.put("orders changed per round", Math.max(1,
                    (int) Math.ceil(script.path("orders read").asLong() / 100.0)));
            figures.put("connector refresh s (median of " + ROUNDS + ")", refresh);
            figures.put("  tick start to snapshot computed s", median(ticks));
            figures.put("merchant script s (median of " + ROUNDS + ")", merchant);
            figures.put("ratio script/connector", merchant / refresh);
            figures.put("script figures equal the cards", differences.isEmpty() ? "yes" : differences.toString());
            figures.put("target >= 10", merchant / refresh >= 10 ? "met" : "missed");
            BenchResults.record("real Odoo " + major + " refresh 1%", figures);
            assertThat(differences).as("the script's figures equal the connector's cards").isEmpty();
        } finally {
            if (System.getProperty("benchmark.jfr") != null) {
                app.stop(); // a normal stop, so the flight recording is written
            }
            app.close();
        }
    }

    private record Minimal(double seconds, long records) {}

    /**
     * The limit: plain JSON-RPC search_read of exactly the fields the mapping reads, pages of 200 ordered by
     * write_date, id (offset paging), every company and archived rows as the connector reads them, two models at
     * a time on one HTTP client.
     */
    private static Minimal minimalClient(String url, String db, String version) throws Exception {
        MappingFile mapping = MappingCatalog.load(Path.of("mappings")).forTenant(Optional.empty(), version);
        HttpClient http = HttpClient.newHttpClient();
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            long started = System.nanoTime();
            Map<String, Object> context = Map.of("active_test", false, "allowed_company_ids",
                    RefreshTiming.companies(url, db));
            List<Future<Long>> reads = new ArrayList<>();
            for (String model : MODELS) {
                List<String> fields = mapping.forModel(model).sourceFields();
                reads.add(two.submit(() -> readAll(http, url, db, model, fields, context)));
            }
            long records = 0;
            for (Future<Long> read : reads) {
                records += read.get();
            }
            return new Minimal((System.nanoTime() - started) / 1e9, records);
        } finally {
            two.shutdownNow();
            two.awaitTermination(1, TimeUnit.MINUTES);
        }
    }

    private static long readAll(HttpClient http, String url, String db, String model, List<String> fields,
                                Map<String, Object> context) throws IOException, InterruptedException {
        long read = 0;
        for (int offset = 0; ; offset += PAGE) {
            String body = JSON.writeValueAsString(Map.of("jsonrpc", "2.0", "method", "call", "id", 1, "params",
                    Map.of("service", "object", "method", "execute_kw", "args", List.of(db, 2, "admin", model,
                            "search_read", List.of(List.of()), Map.of("fields", fields, "order",
                                    "write_date asc, id asc", "limit", PAGE, "offset", offset, "context", context)))));
            JsonNode reply = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(url + "/jsonrpc"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(), HttpResponse.BodyHandlers.ofString()).body());
            assertThat(reply.has("error")).as(model + ": " + reply.path("error")).isFalse();
            read += reply.path("result").size();
            if (reply.path("result").size() < PAGE) {
                return read;
            }
        }
    }

    /**
     * Where the script's figures (window → currency → revenue, orders, aov) and the snapshot's revenue, orders and
     * aov cards of 7D/30D/90D (all companies: company null; a currency without orders in the window is left out
     * on both sides) differ; both sides must name the same currencies.
     */
    static List<String> differences(JsonNode script, JsonNode snapshot) {
        Map<String, String> cards = new TreeMap<>();
        for (JsonNode card : snapshot.path("cards")) {
            String id = card.path("id").asText();
            if (Arrays.asList("revenue", "orders", "aov").contains(id) && card.path("company").isNull()
                    && Arrays.asList("7D", "30D", "90D").contains(card.path("windowCode").asText())
                    && !card.path("value").isNull() && new BigDecimal(card.path("value").asText()).signum() != 0) {
                cards.put(card.path("windowCode").asText() + " " + card.path("currency").asText() + " " + id,
                        card.path("value").asText());
            }
        }
        Map<String, String> mine = new TreeMap<>();
        script.fields().forEachRemaining(window -> window.getValue().fields().forEachRemaining(currency ->
                currency.getValue().fields().forEachRemaining(figure -> mine.put(window.getKey() + " "
                        + currency.getKey() + " " + figure.getKey(), figure.getValue().asText()))));
        List<String> differences = new ArrayList<>();
        if (!cards.keySet().equals(mine.keySet())) {
            differences.add("cards " + cards.keySet() + " vs script " + mine.keySet());
        }
        mine.forEach((key, value) -> {
            String card = cards.get(key);
            if (card != null && new BigDecimal(card).compareTo(new BigDecimal(value)) != 0) {
                differences.add(key + ": card " + card + ", script " + value);
            }
        });
        return differences;
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
