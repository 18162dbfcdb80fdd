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
 * Watches the tick triggers. A tick due while the tenant's previous tick still runs is skipped, not queued behind it
 * (the trigger's misfire instruction is "do nothing"): Quartz tells this listener, which says so in the log and
 * counts it ({@code pulse.tick.skipped} per tenant). A tick that reaches an instance without the tenant's bundle is
 * refused with an error rather than run as nothing.
 */
public class TickTriggerListener implements TriggerListener {

    private static final Logger LOG = LoggerFactory.getLogger(TickTriggerListener.class);

    private final MeterRegistry meters;
    private final java.util.function.Predicate<String> servedHere;

    /** @param servedHere whether this instance has the tenant's bundle (and so its tick route) */
    public TickTriggerListener(MeterRegistry meters, java.util.function.Predicate<String> servedHere) {
        this.meters = meters;
        this.servedHere = servedHere;
    }

    @Override
    public String getName() {
        return "pulse-tick-triggers";
    }

    @Override
    public void triggerMisfired(Trigger trigger) {
        String tenant = trigger.getJobKey().getName();
        if (!(trigger instanceof org.quartz.CronTrigger)) {
            // An operator's pull-now (a one-shot trigger) that waited for a worker is not skipped: Quartz fires it now.
            LOG.info("tenant {}: pull-now waited for a free worker; it runs now", tenant);
            return;
        }
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

    /**
     * A tick handed to an instance that lacks the tenant's bundle (instances must serve the same bundles) would run
     * nothing: it is refused loudly instead.
     */
    @Override
    public boolean vetoJobExecution(Trigger trigger, JobExecutionContext context) {
        String tenant = trigger.getJobKey().getName();
        if (servedHere.test(tenant)) {
            return false;
        }
        LOG.error("tenant {}: its tick of {} came to this instance, which has no bundle for it; the tick is skipped. "
                + "Every instance must serve the same tenant bundles (docs/scaling.md)", tenant,
                context.getScheduledFireTime());
        Counter.builder("pulse.tick.skipped").tag("tenant", tenant).register(meters).increment();
        return true;
    }

    @Override
    public void triggerComplete(Trigger trigger, JobExecutionContext context,
                                CompletedExecutionInstruction instruction) {
    }
}
