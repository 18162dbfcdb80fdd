package io.odoopulse.live;

import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/** Live: a real Odoo 16.0 at $ODOO_LIVE_16_URL (started by .ci/run); skipped without it. */
@EnabledIfEnvironmentVariable(named = "ODOO_LIVE_16_URL", matches = ".+")
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "camel.main.name=live-odoo-16",
        "spring.datasource.url=jdbc:h2:mem:live-odoo-16;DB_CLOSE_DELAY=-1;MODE=PostgreSQL",
        "pulse.demo.odoo.enabled=false",
        "pulse.tenants.dir=src/test/resources/tenants-live-16"})
@DirtiesContext
class LiveOdoo16FlowIT extends LiveTruthFlow {

    @Override
    String version() {
        return "16.0";
    }
}
