package io.odoopulse.flow;

import org.springframework.boot.test.context.SpringBootTest;

/** The extraction scenario over XML-RPC against Odoo 17. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "camel.main.name=xmlrpcodoo17",
        "spring.datasource.url=jdbc:h2:mem:xmlrpcodoo17;DB_CLOSE_DELAY=-1;MODE=PostgreSQL",
        ExtractionScenario.TENANTS, ExtractionScenario.AS_OF,
        "pulse.demo.odoo.version=17",
        "pulse.demo.odoo.orders=8000",
        "scenario.transport=xmlrpc",
        "scenario.secret=${pulse.demo.odoo.password}"})
class XmlRpcOdoo17ExtractionIT extends ExtractionScenario {

    @Override
    int orders() {
        return 8000;
    }
}
