package io.odoopulse.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.odoopulse.support.ChildApplication;
import io.odoopulse.support.ExecuteKw;

/**
 * What the benchmarks that time a tick share: an application whose tenant never ticks on its own (the benchmark
 * fires each tick through the operator API's pull-now, so it knows when the tick began), 1 % of the sale orders
 * edited through Odoo's API, and the wait for the pushed snapshot that holds that edit.
 */
final class RefreshTiming {

    /** A cron that never fires in the run: ticks come from pull-now only. */
    static final String NEVER = "0 0 0 1 1 ? 2099";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Debian's python with python3-odoorpc, not whichever python3 is first on PATH. */
    private static final String PYTHON = System.getProperty("benchmark.python", "/usr/bin/python3");

    private RefreshTiming() {
    }

    /**
     * A benchmark tenant's bundle: the models in pages of 1,000, its ticks fired by the benchmark only, no deletion
     * reconciliation or parity audit (other ticks' work), cards as of {@code asOf}.
     */
    /** A bundle of the models, ticked by the operator API only; KPIs as of {@code asOf}, or "now" when null. */
    static void bundle(Path dir, String tenant, String url, String db, List<String> models, Instant asOf)
            throws IOException {
        io.odoopulse.support.TestTenants.bundle(dir, tenant, url, db, NEVER, """
                pull:
                  page-size: 1000
                  models: %s
                  reconcile-every: 0
                  audit-every: 0
                """.formatted(models) + (asOf == null ? "" : """
                kpi:
                  as-of: %s
                """.formatted(asOf)));
    }

    /**
     * The application in a JVM of its own on an H2 file store in {@code work}, once its operator API answers; its log
     * in target/bench/{@code name}.log, kept after the run.
     */
    static ChildApplication start(Path work, Path tenants, String maxHeap, String name) throws IOException {
        ChildApplication app = ChildApplication.start(maxHeap,
                Files.createDirectories(Path.of("target", "bench")).resolve(name + ".log"),
                "--pulse.tenants.dir=" + tenants, "--pulse.demo.odoo.enabled=false",
                "--spring.datasource.url=jdbc:h2:file:" + work.resolve("pulse") + ";MODE=PostgreSQL",
                "--camel.main.name=" + name);
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(200))
                .until(() -> !app.isAlive() || app.get("/api/pulls") != null);
        return app;
    }

    /** The pushed snapshot that ended a refresh, and the wall seconds from pull-now to its arrival. */
    record Refresh(double seconds, JsonNode snapshot) {}

    /**
     * Fires the tenant's first tick and waits until every one of {@code models} has finished its first pull: the
     * seconds from pull-now to that; then waits for the tick's snapshot, so the next tick does not meet this one.
     */
    static double firstLoad(ChildApplication app, String tenant, int models, Duration atMost)
            throws InterruptedException {
        Fired fired = pullNow(app, tenant);
        Instant asked = fired.at();
        long started = fired.nanos();
        await().atMost(atMost).pollInterval(Duration.ofMillis(100))
                .until(() -> !app.isAlive() || finished(app, tenant) == models);
        assertThat(app.isAlive()).as("the application died; see its log").isTrue();
        double seconds = (System.nanoTime() - started) / 1e9;
        // The span in wall-clock time, to cut the child's flight recording (-Dbenchmark.jfr) to this phase.
        System.out.printf("[benchmark] %s first load: %s to %s%n", tenant, asked, Instant.now());
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> pushedAfter(latest(app, tenant), asked));
        return seconds;
    }

    /** Records (done) read by the tenant's pulls so far. */
    static long recordsRead(ChildApplication app, String tenant) throws IOException {
        long records = 0;
        for (JsonNode pull : JSON.readTree(app.get("/api/pulls"))) {
            if (pull.path("tenant").asText().equals(tenant)) {
                records += pull.path("done").asLong();
            }
        }
        return records;
    }

    /**
     * Edits {@code client_order_ref} of 1 % of the sale orders (at least one, spread over all ids) as admin, in every
     * company the admin may see; returns the newest write_date Odoo gave them.
     */
    static String changeOnePercent(String url, String db, String tag) {
        Map<String, Object> context = Map.of("allowed_company_ids", companies(url, db), "active_test", false);
        List<Integer> all = new ArrayList<>();
        ExecuteKw.asAdmin(url, db, "sale.order", "search_read", List.of(List.of()), Map.of("fields", List.of("id"),
                "order", "id asc", "context", context)).forEach(o -> all.add(o.path("id").asInt()));
        int count = Math.max(1, (int) Math.ceil(all.size() / 100.0));
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(all.get((int) ((long) i * all.size() / count)));
        }
        ExecuteKw.asAdmin(url, db, "sale.order", "write", List.of(ids, Map.of("client_order_ref", tag)),
                Map.of("context", context));
        String newest = "";
        for (JsonNode order : ExecuteKw.asAdmin(url, db, "sale.order", "search_read",
                List.of(List.of(List.of("id", "in", ids))), Map.of("fields", List.of("write_date"), "context",
                        context))) {
            newest = order.path("write_date").asText().compareTo(newest) > 0 ? order.path("write_date").asText()
                    : newest;
        }
        return newest;
    }

    /** The companies the admin user (uid 2) may switch to. */
    static List<Integer> companies(String url, String db) {
        List<Integer> companies = new ArrayList<>();
        ExecuteKw.asAdmin(url, db, "res.users", "search_read", List.of(List.of(List.of("id", "=", 2))),
                Map.of("fields", List.of("company_ids"))).path(0).path("company_ids")
                .forEach(id -> companies.add(id.asInt()));
        return companies;
    }

    /**
     * Fires a tick and waits for the first snapshot pushed after it whose sale.order was read in that tick up to
     * {@code writeDate} (its freshness checkpoint, the write_date up to which every row is stored, at or past it).
     */
    static Refresh refresh(ChildApplication app, String tenant, String writeDate) throws InterruptedException {
        Fired fired = pullNow(app, tenant);
        Instant asked = fired.at();
        long started = fired.nanos();
        AtomicReference<JsonNode> holding = new AtomicReference<>();
        // Each poll fetches the whole snapshot: every 100 ms, not more often, so the polling barely loads the
        // application it times (at 20 ms it took 12 % of the child's CPU samples); the figure is at most 0.1 s late.
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
            JsonNode snapshot = latest(app, tenant);
            if (pushedAfter(snapshot, asked) && holds(snapshot, writeDate)) {
                holding.set(snapshot);
                return true;
            }
            return !app.isAlive();
        });
        assertThat(holding.get()).as("the application died; see its log").isNotNull();
        System.out.printf("[benchmark] %s refresh: %s to %s%n", tenant, asked, Instant.now());
        return new Refresh((System.nanoTime() - started) / 1e9, holding.get());
    }

    record Fired(Instant at, long nanos) {}

    /**
     * Fires the tenant's tick, again every 100 ms while it is refused (409: the tick job is not scheduled yet just
     * after the start); the moment of the accepted call.
     */
    static Fired pullNow(ChildApplication app, String tenant) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (true) {
            Fired fired = new Fired(Instant.now(), System.nanoTime());
            int status = app.post("/api/tenants/" + tenant + "/pull-now");
            if (status >= 200 && status < 300) {
                return fired;
            }
            assertThat(System.nanoTime()).as("pull-now answered " + status).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /** Runs merchant_kpis.py as a merchant would (a process of its own); its JSON answer. */
    static JsonNode merchantScript(Path work, String url, String db, String asOf)
            throws IOException, InterruptedException {
        Path script = work.resolve("merchant_kpis.py");
        if (!Files.exists(script)) {
            try (var in = RefreshTiming.class.getResourceAsStream("/bench/merchant_kpis.py")) {
                Files.copy(in, script);
            }
        }
        Process process = new ProcessBuilder(PYTHON, script.toString(), url, db, "admin", "admin", asOf)
                .redirectError(ProcessBuilder.Redirect.appendTo(work.resolve("script.log").toFile())).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as("merchant_kpis.py failed: " + Files.readString(work.resolve("script.log"))
                + out).isZero();
        return JSON.readTree(out);
    }

    /** The tick's own span as the snapshot reports it: its start to the snapshot's computation, in seconds. */
    static double tickToGenerated(JsonNode snapshot) {
        return Duration.between(Instant.parse(snapshot.path("tick").path("startedAt").asText()),
                Instant.parse(snapshot.path("generatedAt").asText())).toMillis() / 1000.0;
    }

    static JsonNode latest(ChildApplication app, String tenant) throws IOException {
        String body = app.get("/nerve-centre/api/snapshots/" + tenant + "/latest");
        return body == null || body.isBlank() ? null : JSON.readTree(body);
    }

    private static boolean pushedAfter(JsonNode snapshot, Instant asked) {
        return snapshot != null && snapshot.hasNonNull("generatedAt")
                && Instant.parse(snapshot.path("generatedAt").asText()).isAfter(asked);
    }

    private static boolean holds(JsonNode snapshot, String writeDate) {
        for (JsonNode model : snapshot.path("freshness")) {
            if (model.path("model").asText().equals("sale.order")) {
                return model.path("status").asText().equals("OK")
                        && model.path("checkpoint").asText().compareTo(writeDate) >= 0;
            }
        }
        return false;
    }

    private static long finished(ChildApplication app, String tenant) throws IOException {
        String body = app.get("/api/pulls");
        if (body == null) {
            return -1;
        }
        long finished = 0;
        for (JsonNode pull : JSON.readTree(body)) {
            if (pull.path("tenant").asText().equals(tenant) && pull.path("finished").asBoolean()) {
                finished++;
            }
        }
        return finished;
    }
}
