package io.odoopulse.live;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.boot.test.context.SpringBootTest;

/** Live writes on a copy of the real Odoo 16.0 at $ODOO_LIVE_16_RW_URL; skipped without it. */
@EnabledIfEnvironmentVariable(named = "ODOO_LIVE_16_RW_URL", matches = ".+")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "camel.main.name=live-writes-16",
        "spring.datasource.url=jdbc:h2:mem:live-writes-16;DB_CLOSE_DELAY=-1;MODE=PostgreSQL",
        "pulse.demo.odoo.enabled=false",
        "pulse.tenants.dir=src/test/resources/tenants-live-rw-16"})
class LiveOdoo16WritesIT extends LiveWrites {

    @Override
    int major() {
        return 16;
    }

    /** 16 locks by moving the order to state 'done' ("Locked"), still a confirmed sale. */
    @Override
    String lockMethod() {
        return "action_done";
    }
}
