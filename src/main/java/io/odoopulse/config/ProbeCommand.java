package io.odoopulse.config;

import java.nio.file.Path;

import io.odoopulse.kpi.CardDefinition;
import io.odoopulse.odoo.OdooProbe;
import io.odoopulse.tenant.Tenant;
import io.odoopulse.tenant.TenantLoader;
import org.springframework.core.env.StandardEnvironment;

/**
 * {@code probe}: what a merchant's Odoo can feed, printed for one tenant bundle before onboarding.
 * <pre>mvn -q spring-boot:run -Dspring-boot.run.main-class=io.odoopulse.config.ProbeCommand \
 *     -Dspring-boot.run.arguments=config/tenants/acme.yaml</pre>
 * Placeholders in the bundle are read from the environment (e.g. {@code ACME_ODOO_API_KEY}).
 */
public final class ProbeCommand {

    private ProbeCommand() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: ProbeCommand <tenant bundle .yaml>");
            System.exit(2);
        }
        Tenant tenant = new TenantLoader(new StandardEnvironment(), "0 0/5 * * * ?", 200, CardDefinition::ids)
                .load(Path.of(args[0])).orElseThrow(() -> new IllegalArgumentException(args[0] + " is disabled"));
        io.odoopulse.odoo.OdooProbe.Report report = OdooProbe.forTenant(tenant);
        System.out.print(report.render());
        System.out.print(report.renderAccess());
    }
}
