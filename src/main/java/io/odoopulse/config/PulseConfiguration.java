package io.odoopulse.config;

import java.time.Clock;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.odoopulse.audit.ParityAudit;
import io.odoopulse.audit.ParityAuditStore;
import io.odoopulse.canonical.CanonicalBatch;
import io.odoopulse.canonical.CanonicalMapper;
import io.odoopulse.canonical.CanonicalStore;
import io.odoopulse.canonical.MappingCatalog;
import io.odoopulse.canonical.PageIdempotentRepository;
import io.odoopulse.canonical.RecordKeys;
import io.odoopulse.deadletter.DeadLetterStore;
import io.odoopulse.kpi.CardAvailability;
import io.odoopulse.kpi.KpiAggregator;
import io.odoopulse.kpi.KpiAlerts;
import io.odoopulse.kpi.SnapshotHistory;
import io.odoopulse.nervecentre.NerveCentreHeaders;
import io.odoopulse.pull.CheckpointStore;
import io.odoopulse.odoo.OdooConnections;
import io.odoopulse.pull.DeletionReconciler;
import io.odoopulse.notice.NoticeStore;
import io.odoopulse.pull.CompanyAccess;
import io.odoopulse.pull.OdooClockGuard;
import io.odoopulse.pull.OdooPageReader;
import io.odoopulse.pull.PullProgress;
import io.odoopulse.odoo.RetryPolicy;
import io.odoopulse.pull.TemplateChanges;
import io.micrometer.core.instrument.MeterRegistry;
import io.odoopulse.tenant.TenantLoader;
import io.odoopulse.tenant.TenantRegistry;
import io.odoopulse.tick.TickLedger;
import io.odoopulse.tick.TickTriggerListener;
import io.odoopulse.tick.TickRoutes;
import io.odoopulse.kpi.CardFreshness;
import io.odoopulse.pull.PullFreshness;
import org.apache.camel.component.quartz.QuartzComponent;
import org.quartz.Scheduler;
import org.quartz.SchedulerFactory;
import org.springframework.boot.autoconfigure.quartz.SchedulerFactoryBeanCustomizer;
import org.apache.camel.CamelContext;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

/** Wires the beans the YAML routes call by name, one per stage of the flow. */
@Configuration(proxyBeanMethods = false)
public class PulseConfiguration {

    /** The processor name under which the idempotent keys are stored (table CAMEL_MESSAGEPROCESSED). */
    static final String IDEMPOTENT_PROCESSOR = "odoo-pulse";

    /** Demo services (the built-in Odoo) publish their addresses before tenant bundles are read. */
    public interface DemoService {
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    TenantRegistry tenantRegistry(PulseProperties properties, Environment environment,
                                  ObjectProvider<DemoService> demoServices) {
        demoServices.forEach(service -> { });
        return TenantRegistry.load(properties.tenants().dir(), new TenantLoader(environment,
                properties.defaults().cron(), properties.defaults().pageSize(),
                io.odoopulse.kpi.CardDefinition::ids));
    }

    @Bean
    MappingCatalog mappingCatalog(PulseProperties properties) {
        return MappingCatalog.load(properties.mappings().dir());
    }

    @Bean
    OdooConnections odooConnections(TenantRegistry tenants, MappingCatalog mappings, PulseProperties properties) {
        // A broken override file stops the start, not the tenant's first pull.
        tenants.all().forEach(t -> t.mappingOverrides().ifPresent(mappings::validateOverrides));
        PulseProperties.Odoo odoo = properties.odoo();
        return new OdooConnections(tenants, mappings,
                new RetryPolicy(odoo.maxAttempts(), odoo.initialBackoff(), odoo.maxBackoff()), odoo.timeout(),
                odoo.maxResponseSize(), wait -> Thread.sleep(wait.toMillis()));
    }

    @Bean
    TemplateChanges templateChanges(OdooConnections connections, CheckpointStore checkpoints, OdooClockGuard clock) {
        return new TemplateChanges(connections, checkpoints, clock);
    }

    @Bean
    NoticeStore noticeStore(JdbcTemplate jdbc, Clock clock) {
        return new NoticeStore(jdbc, clock);
    }

    @Bean
    CompanyAccess companyAccess(OdooConnections connections, CheckpointStore checkpoints, NoticeStore notices,
                                JdbcTemplate jdbc, Clock clock) {
        return new CompanyAccess(connections, checkpoints, notices, jdbc, clock);
    }

    @Bean
    OdooClockGuard odooClockGuard(NoticeStore notices, MeterRegistry meters) {
        return new OdooClockGuard(notices, meters);
    }

    @Bean
    PullProgress pullProgress(MeterRegistry meters, Clock clock) {
        return new PullProgress(meters, clock);
    }

    @Bean
    DeletionReconciler deletionReconciler(OdooConnections connections, CanonicalStore store, PullFreshness freshness,
                                          CompanyAccess companies, JdbcTemplate jdbc, Clock clock,
                                          NoticeStore notices, CanonicalBatch batch, MeterRegistry meters) {
        return new DeletionReconciler(connections, store, freshness, companies, jdbc, clock, notices, batch, meters);
    }

    @Bean
    PullFreshness pullFreshness(JdbcTemplate jdbc, Clock clock) {
        return new PullFreshness(jdbc, clock);
    }

    @Bean
    CheckpointStore checkpointStore(JdbcTemplate jdbc) {
        return new CheckpointStore(jdbc);
    }

    @Bean
    OdooPageReader odooPageReader(OdooConnections connections, CheckpointStore checkpoints, PullProgress progress,
                                  PullFreshness freshness, OdooClockGuard clock) {
        return new OdooPageReader(connections, checkpoints, progress, freshness, clock);
    }

    @Bean
    CanonicalMapper canonicalMapper(OdooConnections connections) {
        return new CanonicalMapper(new CanonicalMapper.TenantMappings() {
            @Override
            public io.odoopulse.canonical.MappingFile mapping(String tenant) {
                return connections.get(tenant).mapping();
            }

            @Override
            public String serverVersion(String tenant) {
                return connections.get(tenant).serverVersion();
            }
        });
    }

    @Bean
    RecordKeys recordKeys() {
        return new RecordKeys();
    }

    @Bean
    CanonicalStore canonicalStore(JdbcTemplate jdbc) {
        return new CanonicalStore(jdbc);
    }

    /**
     * Camel's JDBC idempotent repository (its table is created by Flyway V1, not by Camel), holding a page's keys
     * until they are written with the page's records.
     */
    @Bean
    PageIdempotentRepository pulseIdempotentRepository(DataSource dataSource) {
        JdbcMessageIdRepository repository = new JdbcMessageIdRepository(dataSource, IDEMPOTENT_PROCESSOR);
        repository.setCreateTableIfNotExists(false);
        return new PageIdempotentRepository(repository);
    }

    @Bean
    CanonicalBatch canonicalBatch(CanonicalStore store, JdbcTemplate jdbc, CamelContext camel) {
        return new CanonicalBatch(store, jdbc, camel.createProducerTemplate(), IDEMPOTENT_PROCESSOR,
                CanonicalBatch.RECORD_ENDPOINT);
    }

    @Bean
    KpiAggregator kpiAggregator(JdbcTemplate jdbc, TenantRegistry tenants, PulseProperties properties, Clock clock) {
        return KpiAggregator.incremental(jdbc, tenants, properties.defaults().windowsDays(), clock);
    }

    @Bean
    KpiAlerts kpiAlerts(JdbcTemplate jdbc) {
        return new KpiAlerts(new SnapshotHistory(jdbc));
    }

    @Bean
    CardAvailability cardAvailability(OdooConnections connections) {
        return new CardAvailability(tenant -> connections.get(tenant).apps());
    }

    @Bean
    CardFreshness cardFreshness(TenantRegistry tenants, PullFreshness freshness) {
        return new CardFreshness(tenants, freshness::entries);
    }

    @Bean
    io.odoopulse.audit.AccessReport accessReport(OdooConnections connections) {
        return new io.odoopulse.audit.AccessReport(connections);
    }

    @Bean
    ParityAudit parityAudit(TenantRegistry tenants, OdooConnections connections, CanonicalStore store,
                            JdbcTemplate jdbc, CheckpointStore checkpoints, PullFreshness freshness,
                            NoticeStore notices, MeterRegistry meters, Clock clock, KpiAggregator aggregator) {
        return new ParityAudit(tenants, connections, store, new ParityAuditStore(jdbc), checkpoints, freshness, notices,
                meters, clock, aggregator);
    }

    @Bean
    NerveCentreHeaders nerveCentreHeaders(PulseProperties properties) {
        return new NerveCentreHeaders(properties.nerveCentre().token());
    }

    @Bean
    DeadLetterStore deadLetterStore(JdbcTemplate jdbc, ObjectMapper json, TenantRegistry tenants) {
        return new DeadLetterStore(jdbc, json, tenants);
    }

    @Bean
    TickLedger tickLedger(JdbcTemplate jdbc, TenantRegistry tenants, Clock clock, OdooConnections connections) {
        return new TickLedger(jdbc, tenants, clock, connections::pulledModels);
    }

    @Bean
    CamelContextConfiguration tickRoutes(TenantRegistry tenants, DataSource dataSource) {
        return new TickRoutes(tenants, dataSource);
    }

    /**
     * camel-quartz runs on the scheduler Spring Boot builds from {@code spring.quartz.*}: in memory by default,
     * Quartz's clustered JDBC store on the application's database with the {@code cluster} profile. Handed over as a
     * factory so that camel-quartz registers the CamelContext with it, as it does with a scheduler of its own.
     */
    @Bean("quartz")
    QuartzComponent quartz(Scheduler scheduler) {
        QuartzComponent quartz = new QuartzComponent();
        // Started by TickRoutes once every tick route exists (spring.quartz.auto-startup is false too).
        quartz.setAutoStartScheduler(false);
        quartz.setSchedulerFactory(new SchedulerFactory() {
            @Override
            public Scheduler getScheduler() {
                return scheduler;
            }

            @Override
            public Scheduler getScheduler(String name) {
                return scheduler;
            }

            @Override
            public java.util.Collection<Scheduler> getAllSchedulers() {
                return java.util.List.of(scheduler);
            }
        });
        return quartz;
    }

    @Bean
    SchedulerFactoryBeanCustomizer tickTriggerListener(MeterRegistry meters, TenantRegistry tenants) {
        return factory -> factory.setGlobalTriggerListeners(new TickTriggerListener(meters, tenants::contains));
    }
}
