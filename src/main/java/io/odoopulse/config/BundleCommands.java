package io.odoopulse.config;

import java.util.Map;

import io.odoopulse.schema.FileSchema;
import io.odoopulse.tenant.TenantLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * What the commands run from the jar ({@code validate}, {@code probe}) share: they start neither the web
 * application nor Camel, and read placeholders from the environment and system properties only.
 */
final class BundleCommands {

    private BundleCommands() {
    }

    /**
     * The environment placeholders resolve from. The built-in Odoo never runs here, so the demo bundle is skipped
     * as in production, unless {@code PULSE_DEMO_ODOO_ENABLED} says otherwise.
     */
    static StandardEnvironment environment() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addLast(new MapPropertySource("commands",
                Map.of("pulse.demo.odoo.enabled", "false")));
        return environment;
    }

    /** A loader with the application's defaults: {@code pulse.defaults.*} when set, else the schema's. */
    static TenantLoader loader(StandardEnvironment environment) {
        String cron = environment.getProperty("pulse.defaults.cron", schemaDefault("schedule", "cron"));
        int pageSize = Integer.parseInt(environment.getProperty("pulse.defaults.page-size",
                schemaDefault("pull", "page-size")));
        return new TenantLoader(environment, cron, pageSize, io.odoopulse.kpi.CardDefinition::ids);
    }

    private static String schemaDefault(String... path) {
        return FileSchema.TENANT_BUNDLE.schemaAt(java.util.List.of(path)).orElseThrow().get("default").asText();
    }
}
