package io.odoopulse.flow;

import org.springframework.boot.test.context.SpringBootTest;

/** The extraction scenario over JSON-RPC against Odoo 18. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "camel.main.name=jsonrpcodoo18",
        "spring.datasource.url=jdbc:h2:mem:jsonrpcodoo18;DB_CLOSE_DELAY=-1;MODE=PostgreSQL",
        ExtractionScenario.TENANTS, ExtractionScenario.AS_OF,
        "pulse.demo.odoo.version=18",
        "pulse.demo.odoo.orders=8000",
        "scenario.transport=jsonrpc",
        "scenario.secret=${pulse.demo.odoo.password}"})
class JsonRpcOdoo18ExtractionIT extends ExtractionScenario {

    @Override
    int orders() {
        return 8000;
    }
}
