package io.odoopulse.tick;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.quartz.JobExecutionContext;
import org.quartz.Trigger;
import org.quartz.Trigger.CompletedExecutionInstruction;
import org.quartz.TriggerListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A tick due while the tenant's previous tick still runs is skipped, not queued behind it (the trigger's misfire
 * instruction is "do nothing"): Quartz tells this listener, which says so in the log and counts it
 * ({@code pulse.tick.skipped} per tenant).
 */
public class TickMisfireWarnings implements TriggerListener {

    private static final Logger LOG = LoggerFactory.getLogger(TickMisfireWarnings.class);

    private final MeterRegistry meters;

    public TickMisfireWarnings(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    public String getName() {
        return "pulse-tick-misfires";
    }

    @Override
    public void triggerMisfired(Trigger trigger) {
        String tenant = trigger.getKey().getName();
        // Called before Quartz moves the trigger on: its next fire time is still the one missed.
        LOG.warn("tenant {}: tick due at {} skipped: the previous tick was still running (or no worker was free); "
                + "the next one is at {}", tenant, trigger.getNextFireTime(), trigger.getFireTimeAfter(new java.util.Date()));
        Counter.builder("pulse.tick.skipped").tag("tenant", tenant)
                .description("ticks skipped because the previous one overran its next fire time").register(meters)
                .increment();
    }

    @Override
    public void triggerFired(Trigger trigger, JobExecutionContext context) {
    }

    @Override
    public boolean vetoJobExecution(Trigger trigger, JobExecutionContext context) {
        return false;
    }

    @Override
    public void triggerComplete(Trigger trigger, JobExecutionContext context,
                                CompletedExecutionInstruction instruction) {
    }
}
