package io.odoopulse.console;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.listeners.TriggerListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Pause, resume and "pull now" of a tenant's ticks. A pause is a row in tenant_pause, which every instance reads
 * when Quartz fires a tick: the same with the in-memory and the clustered job store, and from the first tick after
 * a restart. "Pull now" asks Quartz to fire the tenant's tick job once, so the job's one-tick-at-a-time guarantee
 * (cluster-wide on the clustered store) holds for it as for the scheduled ones; it runs even while paused.
 */
public class TenantControl extends TriggerListenerSupport {

    /** The Quartz group of the tick jobs, as routes/tenant-tick.camel.yaml names them (quartz:pulse/<tenant>). */
    static final String TICK_GROUP = "pulse";
    /** Job data of a "pull now" trigger. */
    static final String MANUAL = "pulseManualTick";
    private static final Logger LOG = LoggerFactory.getLogger(TenantControl.class);

    private final JdbcTemplate jdbc;
    private final Scheduler scheduler;
    private final Clock clock;

    public TenantControl(JdbcTemplate jdbc, Scheduler scheduler, Clock clock) throws SchedulerException {
        this.jdbc = jdbc;
        this.scheduler = scheduler;
        this.clock = clock;
        scheduler.getListenerManager().addTriggerListener(this);
    }

    @Override
    public String getName() {
        return "pulse-tenant-pause";
    }

    /** A scheduled tick of a paused tenant is refused; a manual one ("pull now") runs. */
    @Override
    public boolean vetoJobExecution(Trigger trigger, JobExecutionContext context) {
        String tenant = trigger.getJobKey().getName();
        if (!TICK_GROUP.equals(trigger.getJobKey().getGroup()) || trigger.getJobDataMap().containsKey(MANUAL) || !paused(tenant)) {
            return false;
        }
        LOG.info("tenant {}: tick of {} not run: the tenant is paused", tenant, context.getScheduledFireTime());
        return true;
    }

    public boolean paused(String tenant) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM tenant_pause WHERE tenant = ?", Integer.class, tenant) > 0;
    }

    /** tenant -> paused_by, paused_at, reason */
    public Map<String, Map<String, Object>> pauses() {
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT * FROM tenant_pause");
        Map<String, Map<String, Object>> pauses = new java.util.TreeMap<>();
        rows.forEach(row -> pauses.put((String) row.get("tenant"), row));
        return pauses;
    }

    /** @return false when it was paused already */
    public boolean pause(String tenant, String actor, String reason) {
        return jdbc.update("INSERT INTO tenant_pause (tenant, paused_at, paused_by, reason) SELECT ?, ?, ?, ? "
                        + "WHERE NOT EXISTS (SELECT 1 FROM tenant_pause WHERE tenant = ?)", tenant,
                clock.instant().atOffset(ZoneOffset.UTC), actor, reason, tenant) == 1;
    }

    /** @return false when it was not paused */
    public boolean resume(String tenant) {
        return jdbc.update("DELETE FROM tenant_pause WHERE tenant = ?", tenant) == 1;
    }

    /** Fires the tenant's tick job once, now. */
    public void pullNow(String tenant) {
        try {
            JobKey job = JobKey.jobKey(tenant, TICK_GROUP);
            if (!scheduler.checkExists(job)) {
                throw new IllegalStateException("tenant " + tenant + " has no tick job on this instance");
            }
            scheduler.triggerJob(job, new org.quartz.JobDataMap(Map.of(MANUAL, "true")));
        } catch (SchedulerException e) {
            throw new IllegalStateException("tenant " + tenant + ": the tick could not be triggered: " + e.getMessage(),
                    e);
        }
    }
}
