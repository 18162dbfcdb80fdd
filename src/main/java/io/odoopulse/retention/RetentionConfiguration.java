package io.odoopulse.retention;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.odoopulse.config.PulseConfiguration;
import io.odoopulse.config.PulseProperties;
import io.odoopulse.tenant.TenantRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/** Retention on its schedule ({@code pulse.retention.*}); off with {@code pulse.retention.enabled=false}. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(prefix = "pulse.retention", name = "enabled", havingValue = "true", matchIfMissing = true)
public class RetentionConfiguration {

    @Bean
    Retention retention(JdbcTemplate jdbc, TenantRegistry tenants, PulseProperties properties, ObjectMapper json,
                        MeterRegistry meters, Clock clock) {
        PulseProperties.Retention settings = properties.retention();
        return new Retention(jdbc, tenants, new Retention.Settings(Duration.ofDays(settings.deadLettersDays()),
                Duration.ofDays(settings.personalDataDays()), settings.idempotentKeys(),
                Set.copyOf(settings.personalFields()), Duration.ofDays(settings.historyDays())), json, meters, clock,
                PulseConfiguration.IDEMPOTENT_PROCESSOR);
    }

    @Bean
    RetentionSchedule retentionSchedule(Retention retention, Clock clock) {
        return new RetentionSchedule(retention, clock);
    }

    /**
     * Fires on every instance at the cron time; the run is claimed by the minute it was due (table retention_run),
     * so one instance of a cluster runs it, as long as the instances' clocks agree within the minute.
     */
    static final class RetentionSchedule {
        private final Retention retention;
        private final Clock clock;
        private final String instance;

        RetentionSchedule(Retention retention, Clock clock) {
            this.retention = retention;
            this.clock = clock;
            String host;
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                host = "localhost";
            }
            this.instance = host + "-" + ProcessHandle.current().pid();
        }

        @Scheduled(cron = "${pulse.retention.cron:0 17 3 * * *}", zone = "UTC")
        void run() {
            retention.runOnce(clock.instant().truncatedTo(ChronoUnit.MINUTES), instance);
        }
    }
}
