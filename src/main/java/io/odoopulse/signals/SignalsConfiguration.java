package io.odoopulse.signals;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import io.odoopulse.canonical.CanonicalStore;
import io.odoopulse.tenant.TenantRegistry;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/** The per-tenant gauges and health indicators, refreshed every {@code pulse.signals.refresh-interval}. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class SignalsConfiguration {

    @Bean
    TenantSignals tenantSignals(TenantRegistry tenants, JdbcTemplate jdbc, CanonicalStore store, MeterRegistry meters,
                                Clock clock) {
        return new TenantSignals(tenants, jdbc, store::liveCounts, meters, clock);
    }

    /** Named {@code tenants}: the readiness group includes it (application.yaml). */
    @Bean("tenants")
    CompositeHealthContributor tenants(TenantRegistry tenants, TenantSignals signals) {
        return TenantHealth.contributor(tenants, signals);
    }

    @Bean
    LogCorrelation tickCorrelation() {
        return new LogCorrelation();
    }

    @Bean
    SignalsRefresh signalsRefresh(TenantSignals signals) {
        return new SignalsRefresh(signals);
    }

    /** The schedule of {@link TenantSignals#refresh()}. */
    static final class SignalsRefresh {
        private final TenantSignals signals;

        SignalsRefresh(TenantSignals signals) {
            this.signals = signals;
        }

        @Scheduled(initialDelayString = "0", fixedDelayString = "${pulse.signals.refresh-interval:15s}")
        void refresh() {
            signals.refresh();
        }
    }
}
