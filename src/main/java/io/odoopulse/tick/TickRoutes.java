package io.odoopulse.tick;

import java.util.concurrent.ExecutorService;

import javax.sql.DataSource;

import io.odoopulse.tenant.Tenant;
import io.odoopulse.tenant.TenantRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.component.quartz.QuartzComponent;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fills the {@code tenant-tick} route template (routes/tenant-tick.camel.yaml) once per tenant: one Quartz trigger,
 * one route, one tick that pulls every model of the bundle. Each tenant gets its own workers for its models, as many
 * as its {@code pull.max-concurrent-calls}, so a slow Odoo holds up only its own tenant.
 */
public class TickRoutes implements CamelContextConfiguration {

    static final String TICK_TEMPLATE = "tenant-tick";
    private static final Logger LOG = LoggerFactory.getLogger(TickRoutes.class);

    private final TenantRegistry tenants;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    public TickRoutes(TenantRegistry tenants, DataSource dataSource) {
        this.tenants = tenants;
        this.jdbc = new JdbcTemplate(dataSource);
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    /** The registry name of a tenant's model workers, as the template's split names it. */
    static String workers(String tenant) {
        return "pulse-tick-" + tenant;
    }

    @Override
    public void beforeApplicationStart(CamelContext camelContext) {
    }

    @Override
    public void afterApplicationStart(CamelContext camelContext) {
        if (tenants.all().isEmpty()) {
            LOG.warn("no tenant bundles found: nothing will be pulled (add config/tenants/<id>.yaml)");
        }
        try {
            // Quartz's JDBC store joins this transaction, so an instance registers its triggers whole or not at all,
            // and instances starting at once take turns (V7__tick_registration_lock.sql).
            transaction.executeWithoutResult(status -> {
                jdbc.queryForObject("SELECT name FROM pulse_lock WHERE name = 'tick-registration' FOR UPDATE",
                        String.class);
                tenants.all().forEach(tenant -> addTick(camelContext, tenant));
            });
        } catch (RuntimeException e) {
            // Camel only logs a failure here at WARN and carries on; an instance without its ticks must say so.
            LOG.error("tick routes not created, this instance will not tick: {}", e.getMessage(), e);
            throw e;
        }
        // Only now, with every tick route in place: a scheduler started earlier could take a tick from the shared
        // job store before this instance had the route to run it, and the tick would be lost.
        try {
            camelContext.getComponent("quartz", QuartzComponent.class).getScheduler().start();
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot start the tick scheduler: " + e.getMessage(), e);
        }
    }

    /**
     * A bundle deployed while running: its tick route and trigger, registered under the same row lock as at start.
     */
    public void add(CamelContext camelContext, Tenant tenant) {
        transaction.executeWithoutResult(status -> {
            jdbc.queryForObject("SELECT name FROM pulse_lock WHERE name = 'tick-registration' FOR UPDATE",
                    String.class);
            addTick(camelContext, tenant);
        });
    }

    /**
     * A bundle removed (or about to be replaced) while running: its route stops once a running tick ends, its
     * trigger is removed from the job store (camel-quartz keeps it in a clustered store, where a stopping instance
     * must not take the tick away from the others) and its workers are shut down.
     */
    public void remove(CamelContext camelContext, String tenant) {
        String routeId = "tick-" + tenant;
        try {
            if (camelContext.getRoute(routeId) != null) {
                camelContext.getRouteController().stopRoute(routeId, 60, java.util.concurrent.TimeUnit.SECONDS);
                camelContext.removeRoute(routeId);
            }
            camelContext.getComponent("quartz", QuartzComponent.class).getScheduler()
                    .unscheduleJob(org.quartz.TriggerKey.triggerKey(tenant, "pulse"));
        } catch (Exception e) {
            throw new IllegalStateException("tenant " + tenant + ": cannot remove its tick: " + e.getMessage(), e);
        }
        ExecutorService workers = camelContext.getRegistry().lookupByNameAndType(workers(tenant),
                ExecutorService.class);
        if (workers != null) {
            camelContext.getExecutorServiceManager().shutdown(workers);
            camelContext.getRegistry().unbind(workers(tenant));
        }
        LOG.info("tenant {}: route {} and its trigger removed", tenant, routeId);
    }

    private void addTick(CamelContext camelContext, Tenant tenant) {
        try {
            ExecutorService workers = camelContext.getExecutorServiceManager().newFixedThreadPool(this,
                    "tick " + tenant.id(), tenant.pull().maxConcurrentCalls());
            camelContext.getRegistry().bind(workers(tenant.id()), ExecutorService.class, workers);
            String routeId = "tick-" + tenant.id();
            TemplatedRouteBuilder.builder(camelContext, TICK_TEMPLATE)
                    .routeId(routeId)
                    .parameter("tenantId", tenant.id())
                    .parameter("cron", tenant.cron().trim().replace(' ', '+'))
                    .add();
            LOG.info("tenant {}: route {} ticks on cron '{}': {} model(s) from {}, {} at once", tenant.id(), routeId,
                    tenant.cron(), tenant.pull().models().size(), tenant.odoo().url(), tenant.pull().maxConcurrentCalls());
        } catch (Exception e) {
            throw new IllegalStateException("tenant " + tenant.id() + ": " + e.getMessage(), e);
        }
    }
}
