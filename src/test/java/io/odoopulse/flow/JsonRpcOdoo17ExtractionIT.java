package io.odoopulse.flow;

import org.springframework.boot.test.context.SpringBootTest;

/** The extraction scenario over JSON-RPC against Odoo 17, with the full 100,000-order load. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "camel.main.name=jsonrpcodoo17",
        "spring.datasource.url=jdbc:h2:mem:jsonrpcodoo17;DB_CLOSE_DELAY=-1;MODE=PostgreSQL",
        ExtractionScenario.TENANTS, ExtractionScenario.AS_OF,
        "pulse.demo.odoo.version=17",
        "pulse.demo.odoo.orders=100000",
        "scenario.transport=jsonrpc",
        "scenario.secret=${pulse.demo.odoo.password}"})
class JsonRpcOdoo17ExtractionIT extends ExtractionScenario {

    @Override
    int orders() {
        return 100_000;
    }
}
