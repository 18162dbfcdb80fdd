package io.odoopulse;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** odoo-pulse: scheduled pulls from Odoo, canonical model, KPIs pushed to the Nerve Centre. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class OdooPulseApplication {
    public static void main(String[] args) {
        SpringApplication.run(OdooPulseApplication.class, args);
    }
}
