package io.odoopulse.tick;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.odoopulse.OdooPulseApplication;
import io.odoopulse.demo.SnapshotInbox;
import io.odoopulse.demo.simulator.OdooSimulator;
import io.odoopulse.demo.simulator.SimulatorSettings;
import io.odoopulse.support.BenchResults;
import io.odoopulse.support.TestTenants;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Benchmark (mvn verify -Pbenchmark): the connector's CPU seconds per tenant per tick, one tick as it runs now (every
 * model pulled, then one snapshot) against the same work in the shape before the tick existed (each model's route
 * computing and pushing a snapshot of its own: ten per tick), side by side in one run, on the same store and Odoo.
 *
 * <p>The routes are driven directly, on the calling thread (direct: endpoints are synchronous), so the thread's CPU
 * time is the connector's own: mapping, de-duplication, the store (H2 in process) and the KPI, plus the pull's reads
 * ahead, which run on the pulse-read-ahead threads (see {@link #cpu()}); the simulator serving the pages and the
 * receiver taking the pushes run on other threads and are not counted.
 *
 * <p>The application's clock moves a minute before every tick, as a tick every minute would see it: the {@code T}
 * and {@code 24H} windows end at a new minute each time, as in production, where the as-of is "now".
 */
@Tag("benchmark")
class TickCpuBenchmarkTest {

    private static final Instant AS_OF = Instant.parse("2026-11-22T00:00:00Z");
    private static final int ROUNDS = Integer.getInteger("benchmark.tick.rounds", 3);
    private static final int IDLE_TICKS = 10;
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    @TempDir
    Path work;

    static java.util.stream.IntStream sizes() {
        return java.util.Arrays.stream(System.getProperty("benchmark.tick.orders", "10000,1000000").split(","))
                .map(String::trim).mapToInt(Integer::parseInt);
    }

    @ParameterizedTest(name = "{0} orders")
    @MethodSource("sizes")
    void cpuSecondsPerTenantPerTickBeforeAndAfterTheTick(int orders) throws Exception {
        // A million orders come with about three million lines: the lines are left out there, the rest is pulled.
        List<String> models = new ArrayList<>(List.of("res.company", "res.currency.rate", "res.partner",
                "product.product", "sale.order", "account.move", "account.payment", "stock.quant", "stock.move"));
        if (orders <= 100_000) {
            models.add("sale.order.line");
        }
        // Odoo's clock is the application's: write_date moves a minute per tick as the checkpoints' confirmations do,
        // so a change is re-read within the overlap and then settles, as with a tick every minute.
        MinuteClock clock = WithMinuteClock.next();
        try (OdooSimulator odoo = OdooSimulator.start(SimulatorSettings.demo().withGenerated(7, orders, AS_OF),
                clock)) {
            Path tenants = Files.createDirectories(work.resolve("tenants"));
            // Ticks are driven by the benchmark, not by the schedule.
            TestTenants.bundle(tenants, "bench", odoo.url(), odoo.settings().db(), "0 0 0 1 1 ? 2099", """
                    pull:
                      page-size: 1000
                      models: %s
                      reconcile-every: 0
                    """.formatted(models));
            try (ConfigurableApplicationContext app = new SpringApplicationBuilder(OdooPulseApplication.class,
                    WithMinuteClock.class).run(
                    "--server.port=0", "--pulse.tenants.dir=" + tenants, "--pulse.demo.odoo.enabled=false",
                    "--spring.datasource.url=jdbc:h2:file:" + work.resolve("pulse") + ";MODE=PostgreSQL",
                    "--camel.main.name=tick-benchmark")) {
                ProducerTemplate routes = app.getBean(CamelContext.class).createProducerTemplate();
                SnapshotInbox inbox = app.getBean(SnapshotInbox.class);
                Tick tick = new Tick(routes, models, clock);

                double firstLoad = tick.now();
                double idleNow = 0;
                double idlePulls = 0;
                double idleAudit = 0;
                double idleBefore = 0;
                double changedNow = 0;
                double changedBefore = 0;
                for (int round = 0; round < ROUNDS; round++) {
                    // Ten idle ticks in a row: the parity audit (pull.audit-every, default 10) is one of them.
                    double[] ticks = new double[IDLE_TICKS];
                    double pulls = 0;
                    for (int i = 0; i < IDLE_TICKS; i++) {
                        double pulled = tick.pulls();
                        pulls += pulled;
                        ticks[i] = pulled + tick.snapshot();
                    }
                    double mean = java.util.Arrays.stream(ticks).sum() / IDLE_TICKS;
                    double max = java.util.Arrays.stream(ticks).max().orElseThrow();
                    double others = (java.util.Arrays.stream(ticks).sum() - max) / (IDLE_TICKS - 1);
                    System.out.printf("[benchmark] idle ticks, round %d: %.3f CPU s each on average (the pulls %.3f);"
                            + " the dearest %.3f (the audit's tick), the nine others %.3f%n", round + 1, mean,
                            pulls / IDLE_TICKS, max, others);
                    idleNow += mean;
                    idlePulls += pulls / IDLE_TICKS;
                    idleAudit += max;
                    idleBefore += tick.before();
                    changeOnePercent(odoo, orders, round * 2);
                    changedNow += tick.now();
                    changeOnePercent(odoo, orders, round * 2 + 1);
                    changedBefore += tick.before();
                }
                assertThat(app.getBean(org.springframework.jdbc.core.JdbcTemplate.class).queryForObject(
                        "SELECT COUNT(*) FROM dead_letter", Integer.class)).as("nothing failed").isZero();
                assertThat(inbox.latest("bench")).as("the pushes arrived").isPresent();
                System.out.printf("[benchmark] tick CPU, %,d orders, %d models: first load %.2f s; idle tick %.3f s now"
                                + " (pulls %.3f, snapshot %.3f; the audit's tick %.3f) vs %.3f s before (%.1fx); tick"
                                + " after 1%% of orders changed %.3f s now vs %.3f s before (%.1fx)%n", orders,
                        models.size(), firstLoad, idleNow / ROUNDS, idlePulls / ROUNDS, (idleNow - idlePulls) / ROUNDS,
                        idleAudit / ROUNDS, idleBefore / ROUNDS, idleBefore / idleNow, changedNow / ROUNDS,
                        changedBefore / ROUNDS, changedBefore / changedNow);
                Map<String, Object> figures = new java.util.LinkedHashMap<>();
                figures.put("orders", orders);
                figures.put("models", models.size());
                figures.put("first load CPU s", firstLoad);
                figures.put("idle tick CPU s", idleNow / ROUNDS);
                figures.put("idle tick CPU s, pulls", idlePulls / ROUNDS);
                figures.put("idle tick CPU s, snapshot and push", (idleNow - idlePulls) / ROUNDS);
                figures.put("idle tick CPU s, the parity audit's", idleAudit / ROUNDS);
                figures.put("idle tick CPU s, per-model pushes", idleBefore / ROUNDS);
                figures.put("1% changed tick CPU s", changedNow / ROUNDS);
                figures.put("1% changed tick CPU s, per-model pushes", changedBefore / ROUNDS);
                BenchResults.record("tick CPU " + orders, figures);
            }
        }
    }

    /** One tick driven on the calling thread, timed in that thread's CPU seconds. */
    private record Tick(ProducerTemplate routes, List<String> models, MinuteClock clock) {

        /** Now: every model, then one snapshot and one push. */
        double now() {
            return pulls() + snapshot();
        }

        /** A minute after the last tick: the clock moves between ticks, not inside one. */
        double pulls() {
            clock.advance();
            Map<Long, Long> start = cpu();
            models.forEach(this::pull);
            return seconds(start, cpu());
        }

        /** Now's second half: the one snapshot and its push. */
        double snapshot() {
            Map<Long, Long> start = cpu();
            push();
            return seconds(start, cpu());
        }

        /** Before: each model's route pushed a snapshot of its own once it had read its model. */
        double before() {
            clock.advance();
            Map<Long, Long> start = cpu();
            models.forEach(model -> {
                pull(model);
                push();
            });
            return seconds(start, cpu());
        }

        private void pull(String model) {
            routes.sendBodyAndHeader("direct:pull-model", model, "pulseTenant", "bench");
        }

        private void push() {
            routes.sendBodyAndHeader("direct:kpi-push", null, "pulseTenant", "bench");
        }
    }

    /**
     * CPU nanoseconds so far of this thread and of every read-ahead thread, by thread id. A read-ahead thread that
     * ends between two readings (idle for a minute) takes its time with it: the figure can only be low, not high.
     */
    private static Map<Long, Long> cpu() {
        Map<Long, Long> times = new java.util.HashMap<>();
        times.put(Thread.currentThread().getId(), CPU.getCurrentThreadCpuTime());
        for (java.lang.management.ThreadInfo info : CPU.getThreadInfo(CPU.getAllThreadIds())) {
            if (info != null && info.getThreadName().contains("pulse-read-ahead")) {
                times.put(info.getThreadId(), CPU.getThreadCpuTime(info.getThreadId()));
            }
        }
        return times;
    }

    private static double seconds(Map<Long, Long> start, Map<Long, Long> end) {
        long nanos = 0;
        for (Map.Entry<Long, Long> thread : end.entrySet()) {
            if (thread.getValue() >= 0) {
                nanos += thread.getValue() - Math.max(0, start.getOrDefault(thread.getKey(), 0L));
            }
        }
        return nanos / 1e9;
    }

    /** 1 % of the orders are edited in Odoo (a new write_date), a different slice each time. */
    private static void changeOnePercent(OdooSimulator odoo, int orders, int slice) {
        int count = Math.max(1, orders / 100);
        List<Integer> ids = new ArrayList<>();
        List<Map<String, Object>> all = odoo.database().records("sale.order");
        for (int i = slice * count; i < Math.min(all.size(), (slice + 1) * count); i++) {
            ids.add(((Number) all.get(i).get("id")).intValue());
        }
        odoo.database().write("sale.order", ids, Map.of("client_order_ref", "benchmark edit " + slice));
    }

    /** Puts {@link MinuteClock} in the application, before its own clock. */
    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    static class WithMinuteClock {

        private static volatile MinuteClock next;

        /** A new clock at the data's as-of, which the next application started takes. */
        static MinuteClock next() {
            next = new MinuteClock();
            return next;
        }

        @org.springframework.context.annotation.Bean
        @org.springframework.context.annotation.Primary
        MinuteClock minuteClock() {
            return next;
        }
    }

    /** The application's clock: the data's as-of, then a minute later at every tick. */
    static class MinuteClock extends java.time.Clock {

        private final java.util.concurrent.atomic.AtomicReference<Instant> now = new java.util.concurrent.atomic
                .AtomicReference<>(AS_OF);

        void advance() {
            now.updateAndGet(t -> t.plusSeconds(60));
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return java.time.Clock.fixed(instant(), zone);
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }
}
