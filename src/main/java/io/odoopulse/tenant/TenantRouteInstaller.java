package io.odoopulse.tenant;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills the {@code odoo-pull} route template (routes/odoo-pull.camel.yaml) once per tenant and model, after the
 * YAML routes are loaded: a tenant bundle supplies parameters, never route code.
 */
public class TenantRouteInstaller implements CamelContextConfiguration {

    static final String PULL_TEMPLATE = "odoo-pull";
    private static final Logger LOG = LoggerFactory.getLogger(TenantRouteInstaller.class);

    private final TenantRegistry tenants;

    public TenantRouteInstaller(TenantRegistry tenants) {
        this.tenants = tenants;
    }

    @Override
    public void beforeApplicationStart(CamelContext camelContext) {
    }

    @Override
    public void afterApplicationStart(CamelContext camelContext) {
        if (tenants.all().isEmpty()) {
            LOG.warn("no tenant bundles found: nothing will be pulled (add config/tenants/<id>.yaml)");
        }
        for (Tenant tenant : tenants.all()) {
            for (String model : tenant.pull().models()) {
                String routeId = "pull-" + tenant.id() + "-" + model;
                TemplatedRouteBuilder.builder(camelContext, PULL_TEMPLATE)
                        .routeId(routeId)
                        .parameter("tenantId", tenant.id())
                        .parameter("model", model)
                        .parameter("cron", tenant.cron().trim().replace(' ', '+'))
                        .add();
                LOG.info("tenant {}: route {} pulls {} on cron '{}' from {}", tenant.id(), routeId, model,
                        tenant.cron(), tenant.odoo().url());
            }
        }
    }
}
