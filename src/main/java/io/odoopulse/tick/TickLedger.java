package io.odoopulse.tick;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;

import io.odoopulse.kpi.KpiSnapshot;
import io.odoopulse.tenant.TenantRegistry;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.quartz.JobDataMap;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The ledger of ticks (table tenant_tick), shared by every instance: one row per tenant and scheduled fire time.
 * Quartz fires each tick on one instance; the ledger makes the rest hold across instances and crashes: a tick
 * that completed is never run again, one cut short by an instance's death is taken over by the instance Quartz
 * recovers it on, and a snapshot whose push went through is not pushed again.
 */
public class TickLedger {

    /** Exchange property holding the running tick. */
    public static final String TICK = "pulseTick";

    private static final Logger LOG = LoggerFactory.getLogger(TickLedger.class);

    private final JdbcTemplate jdbc;
    private final TenantRegistry tenants;
    private final Clock clock;
    private final String fallbackInstance;

    /** Per tenant, the bundle's models its Odoo can feed (one whose app is not installed is left out). */
    private final java.util.function.Function<String, List<String>> pulledModels;

    public TickLedger(JdbcTemplate jdbc, TenantRegistry tenants, Clock clock) {
        this(jdbc, tenants, clock, tenant -> tenants.get(tenant).pull().models());
    }

    public TickLedger(JdbcTemplate jdbc, TenantRegistry tenants, Clock clock,
                      java.util.function.Function<String, List<String>> pulledModels) {
        this.pulledModels = pulledModels;
        this.jdbc = jdbc;
        this.tenants = tenants;
        this.clock = clock;
        this.fallbackInstance = hostName() + "-" + ProcessHandle.current().pid();
    }

    /**
     * Claims the tick the Quartz trigger fired.
     *
     * @return the tick to run, or null when this fire time already completed (on any instance)
     */
    public KpiSnapshot.Tick begin(@Header("pulseTenant") String tenant, Exchange exchange) {
        Instant scheduled = scheduledAt(exchange);
        String instance = instance(exchange);
        Instant now = clock.instant();
        try {
            jdbc.update("INSERT INTO tenant_tick (tenant, fire_time, instance, status, attempts, started_at) "
                    + "VALUES (?, ?, ?, 'RUNNING', 1, ?)", tenant, scheduled.atOffset(ZoneOffset.UTC), instance,
                    now.atOffset(ZoneOffset.UTC));
            return new KpiSnapshot.Tick(scheduled, now, instance, 1);
        } catch (DuplicateKeyException seen) {
            int taken = jdbc.update("UPDATE tenant_tick SET instance = ?, status = 'RUNNING', attempts = attempts + 1, "
                    + "started_at = ? WHERE tenant = ? AND fire_time = ? AND status <> 'DONE'", instance,
                    now.atOffset(ZoneOffset.UTC), tenant, scheduled.atOffset(ZoneOffset.UTC));
            Map<String, Object> row = jdbc.queryForMap("SELECT instance, status, attempts FROM tenant_tick "
                    + "WHERE tenant = ? AND fire_time = ?", tenant, scheduled.atOffset(ZoneOffset.UTC));
            if (taken == 0) {
                LOG.info("tenant {}: tick of {} already completed on {}; not run again", tenant, scheduled,
                        row.get("instance"));
                return null;
            }
            int attempt = ((Number) row.get("attempts")).intValue();
            LOG.warn("tenant {}: tick of {} taken over by {} (attempt {}): the instance running it stopped", tenant,
                    scheduled, instance, attempt);
            return new KpiSnapshot.Tick(scheduled, now, instance, attempt);
        }
    }

    /** The models the tick pulls: every model of the tenant's bundle that its Odoo has. */
    public List<String> models(@Header("pulseTenant") String tenant) {
        return pulledModels.apply(tenant);
    }

    /** The snapshot belongs to the running tick. */
    public KpiSnapshot stamp(@Body KpiSnapshot snapshot, @ExchangeProperty(TICK) KpiSnapshot.Tick tick) {
        return tick == null ? snapshot : snapshot.withTick(tick);
    }

    /** False when an earlier attempt of this tick already pushed its snapshot (it died after the push). */
    public boolean notYetDelivered(@Header("pulseTenant") String tenant, @ExchangeProperty(TICK) KpiSnapshot.Tick tick) {
        if (tick == null) {
            return true;
        }
        boolean pending = jdbc.queryForObject("SELECT COUNT(*) FROM tenant_tick WHERE tenant = ? AND fire_time = ? "
                + "AND delivered_at IS NULL", Integer.class, tenant, tick.scheduledAt().atOffset(ZoneOffset.UTC)) > 0;
        if (!pending) {
            LOG.info("tenant {}: the snapshot of the tick of {} was already delivered; not pushed again", tenant,
                    tick.scheduledAt());
        }
        return pending;
    }

    /** After the Nerve Centre took the tick's snapshot. */
    public void delivered(@ExchangeProperty("pulseTenant") String tenant, @ExchangeProperty(TICK) KpiSnapshot.Tick tick) {
        if (tick != null) {
            jdbc.update("UPDATE tenant_tick SET delivered_at = ? WHERE tenant = ? AND fire_time = ?",
                    clock.instant().atOffset(ZoneOffset.UTC), tenant, tick.scheduledAt().atOffset(ZoneOffset.UTC));
        }
    }

    /** The tick ended: its models read (or failed) and its snapshot pushed (or dead-lettered). */
    public void finish(@Header("pulseTenant") String tenant, @ExchangeProperty(TICK) KpiSnapshot.Tick tick,
                       @ExchangeProperty("pulseSnapshot") KpiSnapshot snapshot) {
        if (tick == null) {
            return; // a fire time that had already completed: not run again
        }
        String failed = snapshot == null ? null : String.join(",", snapshot.freshness().stream()
                .filter(f -> f.status() != KpiSnapshot.Freshness.Status.OK).map(KpiSnapshot.Freshness::model).toList());
        jdbc.update("UPDATE tenant_tick SET status = 'DONE', finished_at = ?, failed_models = ? WHERE tenant = ? "
                + "AND fire_time = ?", clock.instant().atOffset(ZoneOffset.UTC), failed == null || failed.isEmpty()
                ? null : failed, tenant, tick.scheduledAt().atOffset(ZoneOffset.UTC));
    }

    /**
     * The tick stopped on a failure that could be neither stored nor dead-lettered; the next tick reads its records
     * again from where the failure left each model's checkpoint.
     */
    public void failed(@Header("pulseTenant") String tenant, @ExchangeProperty(TICK) KpiSnapshot.Tick tick,
                       @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception caught, Exchange exchange) {
        if (tick == null) {
            return; // failed before it was claimed: nothing of it to mark
        }
        Exception cause = caught != null ? caught : exchange.getException();
        String error = cause == null ? "unknown failure" : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        LOG.error("tenant {}: the tick of {} stopped; the next tick takes its records up again: {}", tenant,
                tick.scheduledAt(), error);
        jdbc.update("UPDATE tenant_tick SET status = 'FAILED', finished_at = ? WHERE tenant = ? AND fire_time = ? "
                + "AND status = 'RUNNING'", clock.instant().atOffset(ZoneOffset.UTC), tenant,
                tick.scheduledAt().atOffset(ZoneOffset.UTC));
    }

    /**
     * The time Quartz scheduled this tick for; for a tick recovered after its instance died, the original one
     * (Quartz fires a recovery trigger of its own and keeps the original time in the job data).
     */
    static Instant scheduledAt(Exchange exchange) {
        JobDataMap data = exchange.getMessage().getHeader("mergedJobDataMap", JobDataMap.class);
        if (data != null && data.containsKey(Scheduler.FAILED_JOB_ORIGINAL_TRIGGER_SCHEDULED_FIRETIME_IN_MILLISECONDS)) {
            return Instant.ofEpochMilli(Long.parseLong(data.getString(
                    Scheduler.FAILED_JOB_ORIGINAL_TRIGGER_SCHEDULED_FIRETIME_IN_MILLISECONDS)));
        }
        Date scheduled = exchange.getMessage().getHeader("scheduledFireTime", Date.class);
        return scheduled != null ? scheduled.toInstant() : Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }

    private String instance(Exchange exchange) {
        Scheduler scheduler = exchange.getMessage().getHeader("scheduler", Scheduler.class);
        try {
            // Quartz names instances only when clustered; on one instance, host and process say where it ran.
            String id = scheduler == null ? null : scheduler.getSchedulerInstanceId();
            return id == null || "NON_CLUSTERED".equals(id) ? fallbackInstance : id;
        } catch (SchedulerException e) {
            return fallbackInstance;
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
