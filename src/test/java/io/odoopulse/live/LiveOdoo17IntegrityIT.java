package io.odoopulse.live;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Live sync integrity on a copy of the real Odoo 17.0 at $ODOO_LIVE_17_RW_URL; skipped without it. */
@EnabledIfEnvironmentVariable(named = "ODOO_LIVE_17_RW_URL", matches = ".+")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "camel.main.name=live-integrity-17",
        "spring.datasource.url=jdbc:h2:mem:live-integrity-17;DB_CLOSE_DELAY=-1;MODE=PostgreSQL",
        "pulse.demo.odoo.enabled=false"})
class LiveOdoo17IntegrityIT extends LiveIntegrity {

    @DynamicPropertySource
    static void tenant(DynamicPropertyRegistry properties) throws Exception {
        bundle(properties, 17);
    }

    @Override
    int major() {
        return 17;
    }
}
