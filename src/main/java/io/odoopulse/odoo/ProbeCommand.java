package io.odoopulse.odoo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.odoopulse.tenant.Tenant;
import io.odoopulse.tenant.TenantLoader;
import org.springframework.core.env.StandardEnvironment;

/**
 * {@code probe}: what a merchant's Odoo can feed, printed for one tenant bundle before onboarding.
 * <pre>mvn -q spring-boot:run -Dspring-boot.run.main-class=io.odoopulse.odoo.ProbeCommand \
 *     -Dspring-boot.run.arguments=config/tenants/acme.yaml</pre>
 * Placeholders in the bundle are read from the environment (e.g. {@code ACME_ODOO_API_KEY}).
 */
public final class ProbeCommand {

    static final List<String> MODELS = List.of("sale.order", "sale.order.line", "account.move", "account.payment",
            "product.product", "res.partner", "stock.quant", "stock.move", "res.currency.rate", "res.company");

    private ProbeCommand() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: ProbeCommand <tenant bundle .yaml>");
            System.exit(2);
        }
        Tenant tenant = new TenantLoader(new StandardEnvironment(), "0 0/5 * * * ?", 200)
                .load(Path.of(args[0])).orElseThrow(() -> new IllegalArgumentException(args[0] + " is disabled"));
        System.out.print(run(tenant).render());
    }

    static OdooProbe.Report run(Tenant tenant) {
        String transport = Tenant.OdooConnection.AUTO.equals(tenant.odoo().transport()) ? "jsonrpc"
                : tenant.odoo().transport();
        OdooClient client = new OdooClient(tenant.id(), OdooClient.transport(transport, tenant.odoo(),
                OdooClient.defaultHttpClient(), Duration.ofSeconds(60)), RetryPolicy.DEFAULT, 1,
                wait -> Thread.sleep(wait.toMillis()));
        return OdooProbe.probe(tenant.odoo().url(), client, OdooConnections.readContext(client), MODELS);
    }
}
