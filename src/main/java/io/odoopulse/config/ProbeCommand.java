package io.odoopulse.config;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.odoopulse.canonical.MappingCatalog;
import io.odoopulse.canonical.MappingException;
import io.odoopulse.odoo.OdooException;
import io.odoopulse.odoo.OdooProbe;
import io.odoopulse.tenant.Tenant;
import io.odoopulse.tenant.TenantConfigException;

/**
 * {@code java -jar odoo-pulse.jar probe [--mappings DIR] <bundle .yaml or bundle folder>}: what a merchant's Odoo
 * can feed, asked before onboarding with the bundle's own URL, transport and credentials: version and edition,
 * installed apps, companies, currencies, record counts and read access per model, every field the mapping reads
 * present in fields_get, which cards can light up, and on Odoo Online the plan its API needs. Placeholders in the
 * bundle are read from the environment (e.g. {@code ACME_ODOO_API_KEY}).
 * Exit status: 0 probed, 1 the bundle or the Odoo failed (message on standard error), 2 wrong usage.
 */
public final class ProbeCommand {

    private ProbeCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.out, System.err));
    }

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        Path mappingsDir = Path.of(System.getenv().getOrDefault("PULSE_MAPPINGS_DIR", "mappings"));
        List<String> rest = new ArrayList<>(args);
        if (rest.size() >= 2 && rest.get(0).equals("--mappings")) {
            mappingsDir = Path.of(rest.get(1));
            rest = rest.subList(2, rest.size());
        }
        if (rest.size() != 1 || !Files.exists(Path.of(rest.get(0)))) {
            err.println("usage: java -jar odoo-pulse.jar probe [--mappings DIR] <bundle .yaml or bundle folder>");
            return ValidateCommand.USAGE;
        }
        Path bundle = Path.of(rest.get(0));
        if (Files.isDirectory(bundle)) {
            bundle = bundle.resolve("tenant.yaml");
        }
        try {
            Optional<Tenant> tenant = BundleCommands.loader(BundleCommands.environment()).load(bundle);
            if (tenant.isEmpty()) {
                err.println(bundle + ": the bundle says enabled: false");
                return ValidateCommand.PROBLEMS;
            }
            MappingCatalog mappings = Files.isDirectory(mappingsDir) ? MappingCatalog.load(mappingsDir) : null;
            OdooProbe.Report report = OdooProbe.forTenant(tenant.get(), mappings);
            out.print(report.render());
            out.print(report.renderAccess());
            return ValidateCommand.VALID;
        } catch (TenantConfigException | MappingException | OdooException e) {
            err.println(e.getMessage());
            return ValidateCommand.PROBLEMS;
        }
    }
}
