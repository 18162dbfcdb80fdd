package io.odoopulse.routekit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.camel.Exchange;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * routes/parity-audit.camel.yaml: on a tick the audit is due, the store is compared with Odoo and what drifted is
 * read again and stored model by model; on every tick the last audits are attached to the snapshot.
 */
class ParityAuditRoutesTest extends RouteTestKit {

    @Override
    protected List<String> routeFiles() {
        return List.of("routes/parity-audit.camel.yaml");
    }

    /** A model to read again. */
    public record Reread(String model) {}

    /** The audit: due or not, drifting on two models. */
    public static class Audit {
        final List<String> steps = new CopyOnWriteArrayList<>();
        boolean due;

        public boolean due() {
            return due;
        }

        public void audit(Exchange exchange) {
            steps.add("audit");
            exchange.setProperty("pulseAuditRereads", List.of(new Reread("sale.order"), new Reread("res.partner")));
        }

        public List<String> records(Exchange exchange) {
            return List.of(exchange.getMessage().getHeader("pulseModel", String.class) + " 7");
        }

        public void attach() {
            steps.add("attach");
        }
    }

    final Audit audit = new Audit();
    MockEndpoint store;

    @BeforeEach
    void stubs() throws Exception {
        bind("parityAudit", audit);
        store = replace("parity-audit", "direct:canonical-page");
    }

    @Test
    void aDueAuditStoresWhatDriftedAgainModelByModel() throws Exception {
        audit.due = true;
        store.expectedBodiesReceived(List.of("sale.order 7"), List.of("res.partner 7"));
        store.expectedHeaderValuesReceivedInAnyOrder("pulseModel", "sale.order", "res.partner");
        start();

        template.sendBody("direct:parity-audit", "snapshot");

        store.assertIsSatisfied();
        assertThat(audit.steps).containsExactly("audit", "attach");
    }

    @Test
    void betweenAuditsOnlyTheLastAuditsAreAttached() throws Exception {
        store.expectedMessageCount(0);
        start();

        template.sendBody("direct:parity-audit", "snapshot");

        store.assertIsSatisfied();
        assertThat(audit.steps).containsExactly("attach");
    }
}
