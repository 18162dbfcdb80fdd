package io.odoopulse.live;

import io.odoopulse.support.LiveApiKey;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Live writes on a copy of the real Odoo 19.0, pulled over JSON-2 with an API key made for the run. */
@EnabledIfEnvironmentVariable(named = "ODOO_LIVE_19_RW_URL", matches = ".+")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "camel.main.name=live-writes-19-json2",
        "spring.datasource.url=jdbc:h2:mem:live-writes-19-json2;DB_CLOSE_DELAY=-1;MODE=PostgreSQL",
        "pulse.demo.odoo.enabled=false",
        "live.rw.transport=json2",
        "pulse.tenants.dir=src/test/resources/tenants-live-rw-19"})
class LiveOdoo19Json2WritesIT extends LiveWrites {

    @DynamicPropertySource
    static void apiKey(DynamicPropertyRegistry registry) {
        LiveApiKey.register(registry, "live.rw.19.secret", "ODOO_LIVE_19_RW_URL", "ODOO_LIVE_19_RW_DB", "odoo19_rw");
    }

    @Override
    int major() {
        return 19;
    }
}
