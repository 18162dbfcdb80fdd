package io.odoopulse.live;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.boot.test.context.SpringBootTest;

/** Live inventory value on a copy of the real Odoo 19.0 at $ODOO_LIVE_19_RW_URL; skipped without it. */
@EnabledIfEnvironmentVariable(named = "ODOO_LIVE_19_RW_URL", matches = ".+")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "camel.main.name=live-stockvalue-19",
        "spring.datasource.url=jdbc:h2:mem:live-stockvalue-19;DB_CLOSE_DELAY=-1;MODE=PostgreSQL",
        "pulse.demo.odoo.enabled=false",
        "pulse.tenants.dir=src/test/resources/tenants-live-stockvalue-19"})
class LiveOdoo19StockValueIT extends LiveStockValueChecks {

    @Override
    int major() {
        return 19;
    }
}
