package io.odoopulse.config;

import java.time.Clock;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.odoopulse.audit.ParityAudit;
import io.odoopulse.audit.ParityAuditStore;
import io.odoopulse.bundle.BundleStatus;
import io.odoopulse.bundle.LiveBundles;
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
    public static final String IDEMPOTENT_PROCESSOR = "odoo-pulse";

    /** Demo services (the built-in Odoo) publish their addresses before tenant bundles are read. */
    public interface DemoService {
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    BundleStatus bundleStatus(MeterRegistry meters) {
        return new BundleStatus(meters);
    }

    @Bean
    LiveBundles liveBundles(PulseProperties properties, Environment environment, MappingCatalog mappings,
                            BundleStatus status, Clock clock) {
        return new LiveBundles(properties.tenants().dir(), new TenantLoader(environment,
                properties.defaults().cron(), properties.defaults().pageSize(),
                io.odoopulse.kpi.CardDefinition::ids), mappings::validateOverrides, status, clock);
    }

    /**
     * {@code /actuator/health} component {@code bundles}: DOWN while a bundle is rejected, naming it, its error and
     * whether its last good version runs on; the other tenants' ticks are not affected.
     */
    @Bean
    org.springframework.boot.actuate.health.HealthIndicator bundlesHealthIndicator(BundleStatus status) {
        return () -> {
            var problems = status.problems();
            var health = problems.isEmpty() ? org.springframework.boot.actuate.health.Health.up()
                    : org.springframework.boot.actuate.health.Health.down();
            problems.forEach(p -> health.withDetail(p.bundle(), java.util.Map.of("error", p.error(), "since",
                    p.since().toString(), "running", p.runningTenant().map(t -> "last good version of tenant " + t)
                            .orElse("nothing"))));
            return health.build();
        };
    }

    /** The bundles valid at start; a bad one is reported alone (BundleStatus) and the others run. */
    @Bean
    TenantRegistry tenantRegistry(LiveBundles bundles, ObjectProvider<DemoService> demoServices) {
        demoServices.forEach(service -> { });
        return bundles.loadAtStart();
    }

    /** Once Camel runs, bundles are followed live (routes/bundles.camel.yaml calls liveBundles.reconcile). */
    @Bean
    CamelContextConfiguration liveBundlesDeployment(LiveBundles bundles, TickRoutes ticks,
                                                    OdooConnections connections) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camelContext) {
            }

            @Override
            public void afterApplicationStart(CamelContext camelContext) {
                bundles.deploy(camelContext, new LiveBundles.Deployment() {
                    @Override
                    public void addTick(io.odoopulse.tenant.Tenant tenant) {
                        ticks.add(camelContext, tenant);
                    }

                    @Override
                    public void removeTick(String tenant) {
                        ticks.remove(camelContext, tenant);
                    }

                    @Override
                    public void forgetConnection(String tenant) {
                        connections.forget(tenant);
                    }
                });
            }
        };
    }

    @Bean
    MappingCatalog mappingCatalog(PulseProperties properties) {
        return MappingCatalog.load(properties.mappings().dir());
    }

    @Bean
    OdooConnections odooConnections(TenantRegistry tenants, MappingCatalog mappings, PulseProperties properties) {
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
                                          NoticeStore notices, PageIdempotentRepository keys,
                                          MeterRegistry meters) {
        return new DeletionReconciler(connections, store, freshness, companies, jdbc, clock, notices, keys, meters);
    }

    @Bean
    PullFreshness pullFreshness(JdbcTemplate jdbc, Clock clock) {
        return new PullFreshness(jdbc, clock);
    }

    @Bean
    CheckpointStore checkpointStore(JdbcTemplate jdbc, Clock clock) {
        return new CheckpointStore(jdbc, clock);
    }

    @Bean
    OdooPageReader odooPageReader(OdooConnections connections, CheckpointStore checkpoints, PullProgress progress,
                                  PullFreshness freshness, OdooClockGuard clock, CamelContext camel) {
        // At most one page ahead per running pull; Camel shuts the pool down with the context.
        return new OdooPageReader(connections, checkpoints, progress, freshness, clock,
                camel.getExecutorServiceManager().newCachedThreadPool(this, "pulse-read-ahead"));
    }

    @Bean
    CanonicalMapper canonicalMapper(OdooConnections connections, RecordKeys keys) {
        return new CanonicalMapper(new CanonicalMapper.TenantMappings() {
            @Override
            public io.odoopulse.canonical.MappingFile mapping(String tenant) {
                return connections.get(tenant).mapping();
            }

            @Override
            public String serverVersion(String tenant) {
                return connections.get(tenant).serverVersion();
            }
        }, keys);
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
     * Camel's JDBC idempotent repository (its table is created by Flyway V1, not by Camel), asked once per page for
     * the page's keys, which are written with the page's records.
     */
    @Bean
    PageIdempotentRepository pulseIdempotentRepository(DataSource dataSource, JdbcTemplate jdbc) {
        JdbcMessageIdRepository repository = new JdbcMessageIdRepository(dataSource, IDEMPOTENT_PROCESSOR);
        repository.setCreateTableIfNotExists(false);
        return new PageIdempotentRepository(repository, jdbc, IDEMPOTENT_PROCESSOR);
    }

    @Bean
    CanonicalBatch canonicalBatch(CanonicalStore store, JdbcTemplate jdbc, PageIdempotentRepository keys) {
        return new CanonicalBatch(store, jdbc, keys);
    }

    @Bean
    KpiAggregator kpiAggregator(JdbcTemplate jdbc, TenantRegistry tenants, PulseProperties properties, Clock clock) {
        return KpiAggregator.incremental(jdbc, tenants, properties.defaults().windowsDays(), clock);
    }

    @Bean
    KpiAlerts kpiAlerts(JdbcTemplate jdbc, TenantRegistry tenants) {
        return new KpiAlerts(new SnapshotHistory(jdbc), tenants);
    }

    @Bean
    CardAvailability cardAvailability(OdooConnections connections) {
        return new CardAvailability(tenant -> connections.get(tenant).apps(),
                (tenant, model, field) -> connections.get(tenant).unread(model, field));
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
    NerveCentreHeaders nerveCentreHeaders(PulseProperties properties, TenantRegistry tenants, Clock clock) {
        return new NerveCentreHeaders(properties.nerveCentre().token(), id -> tenants.contains(id)
                ? tenants.get(id).signingSecret() : io.odoopulse.tenant.Secret.NONE, clock);
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
    TickRoutes tickRoutes(TenantRegistry tenants, DataSource dataSource) {
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
