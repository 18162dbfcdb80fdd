package io.odoopulse.routekit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.camel.Exchange;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * routes/kpi-push.camel.yaml: one snapshot computed, marked, audited and pushed once as JSON to the Nerve Centre;
 * a snapshot already delivered (a tick taken over after its instance died) is not pushed again; every pushed
 * snapshot reaches the extension point seda:pulse.snapshots.
 */
class KpiPushRoutesTest extends RouteTestKit {

    @Override
    protected List<String> routeFiles() {
        return List.of("routes/kpi-push.camel.yaml");
    }

    /** Stands in for every bean of the route: records the steps in order. */
    public static class Steps {
        final List<String> taken = new CopyOnWriteArrayList<>();
        boolean delivered;

        public Map<String, Object> snapshot(Exchange exchange) {
            taken.add("snapshot");
            return new java.util.TreeMap<>(Map.of("tenant", exchange.getMessage().getHeader("pulseTenant"), "cards",
                    List.of()));
        }

        public void apply() {
            taken.add("apply");
        }

        public void stamp() {
            taken.add("stamp");
        }

        public void attach() {
            taken.add("attach");
        }

        public boolean notYetDelivered() {
            return !delivered;
        }

        public void delivered() {
            taken.add("delivered");
        }
    }

    final Steps steps = new Steps();
    MockEndpoint audit;
    MockEndpoint nerveCentre;

    @BeforeEach
    void stubs() throws Exception {
        for (String bean : List.of("kpiAggregator", "cardAvailability", "cardFreshness", "tickLedger", "kpiAlerts",
                "nerveCentreHeaders")) {
            bind(bean, steps);
        }
        property("pulse.nerve-centre.url", "mock:nerve-centre");
        nerveCentre = getMockEndpoint("mock:nerve-centre");
        audit = replace("kpi-push", "direct:parity-audit");
    }

    @Test
    void theSnapshotIsAuditedAndPushedOnceAsJson() throws Exception {
        nerveCentre.expectedMessageCount(1);
        audit.expectedMessageCount(1);
        start();

        template.sendBodyAndHeader("direct:kpi-push", null, "pulseTenant", "acme");

        nerveCentre.assertIsSatisfied();
        audit.assertIsSatisfied();
        assertThat(nerveCentre.getExchanges().get(0).getMessage().getBody(String.class))
                .isEqualTo("{\"cards\":[],\"tenant\":\"acme\"}");
        assertThat(steps.taken).containsExactly("snapshot", "apply", "apply", "stamp", "attach", "apply",
                "delivered", "delivered");
    }

    @Test
    void aSnapshotAlreadyDeliveredIsNotPushedAgain() throws Exception {
        steps.delivered = true;
        nerveCentre.expectedMessageCount(0);
        start();

        template.sendBodyAndHeader("direct:kpi-push", null, "pulseTenant", "acme");

        nerveCentre.assertIsSatisfied();
        assertThat(steps.taken).doesNotContain("delivered");
    }

    @Test
    void everyPushedSnapshotReachesTheExtensionPointAsTheJsonPushed() throws Exception {
        MockEndpoint extension = replace("snapshot-pushed", "seda:pulse.snapshots*");
        extension.expectedBodiesReceived("{\"cards\":[],\"tenant\":\"acme\"}");
        extension.expectedHeaderReceived("pulseTenant", "acme");
        start();

        template.sendBodyAndHeader("direct:kpi-push", null, "pulseTenant", "acme");

        extension.assertIsSatisfied();
        assertThat(extension.getExchanges().get(0).getMessage().getBody(String.class))
                .isEqualTo(nerveCentre.getExchanges().get(0).getMessage().getBody(String.class));
    }
}
