package io.odoopulse.tick;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quartz.CronScheduleBuilder.cronSchedule;
import static org.quartz.TriggerBuilder.newTrigger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

/** A misfired tick trigger: a cron tick is skipped and counted for its tenant; a late pull-now still runs. */
class TickTriggerListenerTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final TickTriggerListener listener = new TickTriggerListener(meters, tenant -> true);

    @Test
    void aMissedCronTickIsCountedAsSkippedForItsTenant() {
        listener.triggerMisfired(newTrigger().withIdentity("acme-cron", "pulse-tick").forJob("acme", "pulse-tick")
                .withSchedule(cronSchedule("0/5 * * * * ?")).build());

        assertThat(meters.get("pulse.tick.skipped").tag("tenant", "acme").counter().count()).isEqualTo(1);
    }

    @Test
    void aPullNowThatWaitedForAWorkerIsNotASkip() {
        // Quartz names the one-shot trigger of triggerJob MT_<random>; it fires once a worker is free.
        listener.triggerMisfired(newTrigger().withIdentity("MT_x1y2z3", "DEFAULT").forJob("acme", "pulse-tick")
                .startNow().build());

        assertThat(meters.find("pulse.tick.skipped").counter()).isNull();
    }
}
