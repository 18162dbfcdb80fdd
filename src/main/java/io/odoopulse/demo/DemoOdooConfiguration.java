package io.odoopulse.demo;

import io.odoopulse.config.PulseProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;

/** The built-in Odoo, on unless {@code pulse.demo.odoo.enabled=false} (a real Odoo is configured). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "pulse.demo.odoo", name = "enabled", havingValue = "true", matchIfMissing = true)
public class DemoOdooConfiguration {

    @Bean(destroyMethod = "close")
    DemoOdoo demoOdoo(PulseProperties properties, ConfigurableEnvironment environment) {
        return new DemoOdoo(properties.demo().odoo(), environment);
    }
}
