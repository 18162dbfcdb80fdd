package io.odoopulse.signals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.odoopulse.tenant.Tenant;
import io.odoopulse.tenant.TenantRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The per-tenant signals an on-call person reads (docs/operations.md): gauges of the last successful tick, the lag
 * behind Odoo, stored records per model and open dead letters per stage, the push latency and failures, and the
 * state the tenants' health indicators report. The database is read by {@link #refresh()} on a schedule
 * ({@code pulse.signals.refresh-interval}), a few grouped queries for all tenants, never per scrape.
 */
public class TenantSignals {

    /** The stages a dead letter is counted under, by the route it failed in. */
    public static final List<String> STAGES = List.of("pull", "store", "push", "audit", "other");

    private static final Logger LOG = LoggerFactory.getLogger(TenantSignals.class);

    private final TenantRegistry tenants;
    private final JdbcTemplate jdbc;
    private final Supplier<Map<String, Map<String, Long>>> liveCounts;
    private final MeterRegistry meters;
    private final Clock clock;
    private volatile Map<String, TenantState> states = Map.of();

    public TenantSignals(TenantRegistry tenants, JdbcTemplate jdbc, Supplier<Map<String, Map<String, Long>>> liveCounts,
                         MeterRegistry meters, Clock clock) {
        this.tenants = tenants;
        this.jdbc = jdbc;
        this.liveCounts = liveCounts;
        this.meters = meters;
        this.clock = clock;
        Map<String, TenantState> initial = new HashMap<>();
        for (Tenant tenant : tenants.all()) {
            initial.put(tenant.id(), TenantState.empty(tenant.pull().models()));
            register(tenant);
        }
        this.states = Map.copyOf(initial);
    }

    private void register(Tenant tenant) {
        String id = tenant.id();
        Gauge.builder("pulse.tenant.last.success", () -> epochSeconds(state(id).lastSuccessAt())).tag("tenant", id)
                .description("When the tenant's latest tick completed (epoch seconds)").baseUnit("seconds")
                .register(meters);
        Gauge.builder("pulse.tenant.last.push", () -> epochSeconds(state(id).lastPushAt())).tag("tenant", id)
                .description("When the Nerve Centre last took one of the tenant's snapshots (epoch seconds)")
                .baseUnit("seconds").register(meters);
        Gauge.builder("pulse.tenant.lag", () -> lagSeconds(state(id))).tag("tenant", id)
                .description("How far the store lags the tenant's Odoo: since the start of its least recent "
                        + "complete model read").baseUnit("seconds").register(meters);
        for (String model : tenant.pull().models()) {
            Gauge.builder("pulse.store.records", () -> state(id).records().getOrDefault(model, 0L))
                    .tags("tenant", id, "model", model).description("Live records stored from the model")
                    .register(meters);
        }
        for (String stage : STAGES) {
            Gauge.builder("pulse.deadletters.open", () -> state(id).openDeadLetters().getOrDefault(stage, 0L))
                    .tags("tenant", id, "stage", stage).description("Open dead letters by the stage that failed")
                    .register(meters);
        }
        pushTimer(id);
        pushFailures(id);
    }

    /** Reads the database once for every tenant. */
    public void refresh() {
        try {
            Map<String, TenantState> next = new HashMap<>();
            Map<String, Object[]> ticks = new HashMap<>();
            jdbc.query("SELECT t.tenant, t.started_at, t.status FROM tenant_tick t JOIN (SELECT tenant, "
                    + "MAX(fire_time) AS fire_time FROM tenant_tick GROUP BY tenant) m ON m.tenant = t.tenant "
                    + "AND m.fire_time = t.fire_time", rs -> {
                        ticks.put(rs.getString(1), new Object[] {instant(rs.getObject(2, OffsetDateTime.class)),
                                rs.getString(3)});
                    });
            Map<String, Instant[]> done = new HashMap<>();
            jdbc.query("SELECT tenant, MAX(CASE WHEN status = 'DONE' THEN finished_at END), MAX(delivered_at) "
                    + "FROM tenant_tick GROUP BY tenant", rs -> {
                        done.put(rs.getString(1), new Instant[] {instant(rs.getObject(2, OffsetDateTime.class)),
                                instant(rs.getObject(3, OffsetDateTime.class))});
                    });
            Map<String, Map<String, Object[]>> reads = new HashMap<>();
            jdbc.query("SELECT tenant, model, read_started_at, read_at, failed_at, error FROM pull_freshness", rs -> {
                reads.computeIfAbsent(rs.getString(1), t -> new HashMap<>()).put(rs.getString(2), new Object[] {
                        instant(rs.getObject(3, OffsetDateTime.class)), instant(rs.getObject(4, OffsetDateTime.class)),
                        instant(rs.getObject(5, OffsetDateTime.class)), rs.getString(6)});
            });
            Map<String, Map<String, Long>> letters = new HashMap<>();
            // dead_letter_status (status, tenant) serves this; open letters are the few an operator has not handled.
            jdbc.query("SELECT tenant, route_id, COUNT(*) FROM dead_letter WHERE status = 'OPEN' GROUP BY tenant, "
                    + "route_id", rs -> {
                        letters.computeIfAbsent(rs.getString(1), t -> new HashMap<>())
                                .merge(stage(rs.getString(2)), rs.getLong(3), Long::sum);
                    });
            Map<String, Map<String, Long>> records = liveCounts.get();
            for (Tenant tenant : tenants.all()) {
                String id = tenant.id();
                List<String> models = tenant.pull().models();
                Object[] tick = ticks.get(id);
                Instant[] marks = done.getOrDefault(id, new Instant[2]);
                Map<String, Object[]> modelReads = reads.getOrDefault(id, Map.of());
                Instant oldest = null;
                Map<String, String> failing = new LinkedHashMap<>();
                for (String model : models) {
                    Object[] read = modelReads.get(model);
                    Instant readStarted = read == null ? null : (Instant) read[0];
                    Instant readAt = read == null ? null : (Instant) read[1];
                    Instant failedAt = read == null ? null : (Instant) read[2];
                    if (readStarted != null && (oldest == null || readStarted.isBefore(oldest))) {
                        oldest = readStarted;
                    }
                    if (failedAt != null && (readAt == null || failedAt.isAfter(readAt))) {
                        failing.put(model, (String) read[3]);
                    }
                }
                next.put(id, new TenantState(tick == null ? null : (Instant) tick[0],
                        tick == null ? null : (String) tick[1], marks[0], marks[1], oldest, failing, models,
                        records.getOrDefault(id, Map.of()), letters.getOrDefault(id, Map.of())));
            }
            states = Map.copyOf(next);
        } catch (RuntimeException e) {
            // The signals show their last reading; the database failing is its own health indicator's to report.
            LOG.warn("tenant signals not refreshed: {}", e.toString());
        }
    }

    TenantState state(String tenant) {
        return states.getOrDefault(tenant, TenantState.empty(List.of()));
    }

    Clock clock() {
        return clock;
    }

    /** After the Nerve Centre took a snapshot: how long the push took, from its first attempt. */
    public void pushed(@ExchangeProperty("pulseTenant") String tenant,
                       @ExchangeProperty("pulsePushStarted") Long startedMillis) {
        if (tenant != null && startedMillis != null) {
            long took = Math.max(0, clock.millis() - startedMillis);
            pushTimer(tenant).record(took, TimeUnit.MILLISECONDS);
            LOG.info("tenant {}: snapshot pushed in {} ms", tenant, took);
        }
    }

    /** A push the Nerve Centre did not take after its retries (called by the dead-letter route). */
    public void pushFailed(Exchange exchange) {
        String tenant = exchange.getProperty("pulseTenant", String.class);
        if (tenant == null) {
            tenant = exchange.getMessage().getHeader("pulseTenant", String.class);
        }
        if (tenant != null) {
            pushFailures(tenant).increment();
        }
    }

    private Timer pushTimer(String tenant) {
        return Timer.builder("pulse.push.duration").tag("tenant", tenant)
                .description("From the first attempt of a push to the Nerve Centre's answer, retries included")
                .register(meters);
    }

    private Counter pushFailures(String tenant) {
        return Counter.builder("pulse.push.failures").tag("tenant", tenant)
                .description("Snapshots the Nerve Centre did not take after their retries (dead-lettered)")
                .register(meters);
    }

    /** The stage a route belongs to (routes/*.camel.yaml). */
    static String stage(String routeId) {
        if (routeId == null) {
            return "other";
        }
        if (routeId.startsWith("pull") || routeId.startsWith("tick") || routeId.startsWith("deletion")) {
            return "pull";
        }
        if (routeId.startsWith("canonical")) {
            return "store";
        }
        if (routeId.startsWith("kpi")) {
            return "push";
        }
        if (routeId.startsWith("parity")) {
            return "audit";
        }
        return "other";
    }

    private double lagSeconds(TenantState state) {
        return state.oldestReadStartedAt() == null ? Double.NaN
                : Duration.between(state.oldestReadStartedAt(), clock.instant()).toMillis() / 1000.0;
    }

    private static double epochSeconds(Instant instant) {
        return instant == null ? Double.NaN : instant.toEpochMilli() / 1000.0;
    }

    private static Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }
}
