package io.odoopulse;

import java.util.List;

import io.odoopulse.config.ProbeCommand;
import io.odoopulse.config.ValidateCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * odoo-pulse: scheduled pulls from Odoo, canonical model, KPIs pushed to the Nerve Centre. The jar also carries the
 * partner's commands, run without starting the application: {@code validate <bundles>} and {@code probe <bundle>}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class OdooPulseApplication {
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("validate")) {
            System.exit(ValidateCommand.run(List.of(args).subList(1, args.length), System.out, System.err));
        }
        if (args.length > 0 && args[0].equals("probe")) {
            System.exit(ProbeCommand.run(List.of(args).subList(1, args.length), System.out, System.err));
        }
        SpringApplication.run(OdooPulseApplication.class, args);
    }
}
