package io.odoopulse.signals;

import java.util.LinkedHashMap;
import java.util.Map;

import io.odoopulse.tenant.Tenant;
import io.odoopulse.tenant.TenantRegistry;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * One health indicator per tenant, under {@code tenants} ({@code /actuator/health/tenants/<id>}), from the state
 * {@link TenantSignals} last read: DOWN when every model of the bundle failed its latest read (Odoo unreachable or
 * refusing the credentials) or the latest tick failed; UNKNOWN before the first tick; UP otherwise, with the models
 * that fail named. No call to Odoo per health request: the ticks are the probe.
 */
public final class TenantHealth {

    private TenantHealth() {
    }

    public static CompositeHealthContributor contributor(TenantRegistry tenants, TenantSignals signals) {
        Map<String, HealthContributor> indicators = new LinkedHashMap<>();
        for (Tenant tenant : tenants.all()) {
            indicators.put(tenant.id(), (HealthIndicator) () -> health(signals.state(tenant.id())));
        }
        return CompositeHealthContributor.fromMap(indicators);
    }

    /** What the causes (as the dead-letter store wrote them) say of the tenant's Odoo. */
    private static String odoo(TenantState state) {
        if (state.failing().values().stream().allMatch(c -> c != null && c.contains("AccessDenied"))) {
            return "CREDENTIALS_REFUSED";
        }
        if (state.failing().values().stream().allMatch(c -> c != null && c.startsWith("OdooUnavailableException"))) {
            return "UNREACHABLE";
        }
        return "FAILING";
    }

    static Health health(TenantState state) {
        Health.Builder health;
        if (state.odooFailing()) {
            health = Health.down().withDetail("odoo", odoo(state)).withDetail("reason", "every model's latest read "
                    + "failed");
        } else if ("FAILED".equals(state.lastTickStatus())) {
            health = Health.down().withDetail("reason", "the latest tick stopped on a failure it could not "
                    + "dead-letter");
        } else if (state.lastTickAt() == null) {
            health = Health.unknown().withDetail("reason", "no tick yet");
        } else {
            health = Health.up().withDetail("odoo", state.failing().isEmpty() ? "OK" : "SOME_MODELS_FAILING");
        }
        if (state.lastTickAt() != null) {
            health.withDetail("lastTick", state.lastTickAt().toString())
                    .withDetail("lastTickStatus", state.lastTickStatus());
        }
        if (state.lastSuccessAt() != null) {
            health.withDetail("lastSuccess", state.lastSuccessAt().toString());
        }
        if (state.lastPushAt() != null) {
            health.withDetail("lastPush", state.lastPushAt().toString());
        }
        if (!state.failing().isEmpty()) {
            // Causes as the dead-letter store masked them.
            health.withDetail("failingModels", state.failing());
        }
        return health.build();
    }
}
