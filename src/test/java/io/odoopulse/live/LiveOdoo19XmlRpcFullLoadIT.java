package io.odoopulse.live;

import io.odoopulse.support.LiveApiKey;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Live: every model of the real Odoo 19.0 over xmlrpc, authenticated by an API key made for the run. */
@EnabledIfEnvironmentVariable(named = "ODOO_LIVE_19_URL", matches = ".+")
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "camel.main.name=live-full-19-xmlrpc",
        "spring.datasource.url=jdbc:h2:mem:live-full-19-xmlrpc;DB_CLOSE_DELAY=-1;MODE=PostgreSQL",
        "pulse.demo.odoo.enabled=false",
        "live.full.19.enabled=true",
        "live.full.transport=xmlrpc",
        "pulse.tenants.dir=src/test/resources/tenants-live-full"})
@DirtiesContext
class LiveOdoo19XmlRpcFullLoadIT extends LiveFullLoad {

    @DynamicPropertySource
    static void apiKey(DynamicPropertyRegistry registry) {
        LiveApiKey.register(registry, "live.full.19.secret", "ODOO_LIVE_19_URL", "ODOO_LIVE_19_DB", "odoo19");
    }

    @Override
    String version() {
        return "19.0";
    }
}
