package io.odoopulse.console;

import java.time.Clock;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.odoopulse.deadletter.DeadLetterReplay;
import io.odoopulse.deadletter.DeadLetterSearch;
import io.odoopulse.deadletter.DeadLetterStore;
import io.odoopulse.pull.PullFreshness;
import io.odoopulse.tenant.TenantRegistry;
import org.apache.camel.CamelContext;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** The operators' surface: the actions they take, what they see, and the record of both. */
@Configuration(proxyBeanMethods = false)
public class ConsoleConfiguration {

    @Bean
    DeadLetterSearch deadLetterSearch(JdbcTemplate jdbc, Clock clock, CamelContext camel) {
        return new DeadLetterSearch(jdbc, clock, () -> camel.getRoutes().stream()
                .map(org.apache.camel.Route::getRouteId).sorted().toList());
    }

    @Bean
    DeadLetterReplay deadLetterReplay(DeadLetterStore store, CamelContext camel, ObjectMapper json) {
        return new DeadLetterReplay(store, camel.createProducerTemplate(), json);
    }

    @Bean
    AuditTrail auditTrail(JdbcTemplate jdbc, Clock clock) {
        return new AuditTrail(jdbc, clock);
    }

    @Bean
    TenantControl tenantControl(JdbcTemplate jdbc, Scheduler scheduler, Clock clock) throws SchedulerException {
        return new TenantControl(jdbc, scheduler, clock);
    }

    @Bean
    TenantStatus tenantStatus(TenantRegistry tenants, JdbcTemplate jdbc, PullFreshness freshness,
                              DeadLetterSearch search, TenantControl control, Clock clock) {
        return new TenantStatus(tenants, jdbc, freshness, search, control, clock);
    }

    @Bean
    OperatorActions operatorActions(DeadLetterReplay replay, DeadLetterSearch search, TenantControl control,
                                    TenantRegistry tenants, AuditTrail audit) {
        return new OperatorActions(replay, search, control, tenants, audit);
    }
}
