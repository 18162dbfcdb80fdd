package io.odoopulse.flow;

import org.springframework.boot.test.context.SpringBootTest;

/** The extraction scenario over JSON-2 against Odoo 19, authenticated by API key. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "camel.main.name=json2odoo19",
        "spring.datasource.url=jdbc:h2:mem:json2odoo19;DB_CLOSE_DELAY=-1;MODE=PostgreSQL",
        ExtractionScenario.TENANTS, ExtractionScenario.AS_OF,
        "pulse.demo.odoo.version=19",
        "pulse.demo.odoo.orders=8000",
        "scenario.transport=json2",
        "scenario.secret=${pulse.demo.odoo.api-key}"})
class Json2Odoo19ExtractionIT extends ExtractionScenario {

    @Override
    int orders() {
        return 8000;
    }
}
