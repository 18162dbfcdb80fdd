package io.odoopulse.demo;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The built-in Nerve Centre receiver's store; switched off with {@code pulse.demo.nerve-centre.enabled=false}. */
@Configuration(proxyBeanMethods = false)
public class DemoConfiguration {

    @Bean
    @ConditionalOnProperty(prefix = "pulse.demo.nerve-centre", name = "enabled", havingValue = "true",
            matchIfMissing = true)
    SnapshotInbox snapshotInbox() {
        return new SnapshotInbox();
    }
}
