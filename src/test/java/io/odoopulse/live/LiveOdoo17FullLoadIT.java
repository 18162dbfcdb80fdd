package io.odoopulse.live;

import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/** Live: every model of the real Odoo 17.0 at $ODOO_LIVE_17_URL; skipped without it. */
@EnabledIfEnvironmentVariable(named = "ODOO_LIVE_17_URL", matches = ".+")
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "camel.main.name=live-full-17",
        "spring.datasource.url=jdbc:h2:mem:live-full-17;DB_CLOSE_DELAY=-1;MODE=PostgreSQL",
        "pulse.demo.odoo.enabled=false",
        "live.full.17.enabled=true",
        "pulse.tenants.dir=src/test/resources/tenants-live-full"})
@DirtiesContext
class LiveOdoo17FullLoadIT extends LiveFullLoad {

    @Override
    String version() {
        return "17.0";
    }
}
