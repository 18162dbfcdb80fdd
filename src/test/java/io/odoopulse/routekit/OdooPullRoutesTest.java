package io.odoopulse.routekit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.camel.Exchange;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * routes/odoo-pull.camel.yaml: a model is read page by page, each page's checkpoint committed only after the page is
 * stored; then the template follow-up, the deletion reconciliation and the model's freshness. A sudden drop the
 * reconciliation withholds is dead-lettered, and the pull still completes.
 */
class OdooPullRoutesTest extends RouteTestKit {

    @Override
    protected List<String> routeFiles() {
        return List.of("routes/odoo-pull.camel.yaml");
    }

    /** What happened, in order, across the stand-ins and the replaced canonical store. */
    final List<String> events = new CopyOnWriteArrayList<>();

    /** A cursor over a few pages. */
    public static class Cursor {
        int pages;

        Cursor(int pages) {
            this.pages = pages;
        }

        public boolean isHasMore() {
            return pages > 0;
        }
    }

    /** The page reader: three pages of one record each. */
    public class Reader {
        public Cursor open(String tenant, String model) {
            events.add("open " + tenant + " " + model);
            return new Cursor(3);
        }

        public void nextPage(Exchange exchange) {
            Cursor cursor = exchange.getProperty("pulseCursor", Cursor.class);
            exchange.getMessage().setBody(List.of("record " + (4 - cursor.pages)));
            cursor.pages--;
        }

        public void commit() {
            events.add("commit");
        }
    }

    /** Template follow-up, deletion reconciliation and freshness. */
    public class FollowUps {
        List<Object> withheld = List.of();

        public List<Object> changedVariants() {
            return List.of("variant");
        }

        public void commit() {
            events.add("templates committed");
        }

        public void afterPull(Exchange exchange) {
            exchange.setProperty("pulseWithheldDrop", withheld);
        }

        public List<Object> absentRecords() {
            return List.of("absent");
        }

        public void undeleted() {
            events.add("undeleted");
        }

        public void raise(Exchange exchange) {
            throw new IllegalStateException("sudden drop withheld: " + exchange.getMessage().getBody());
        }

        public void read() {
            events.add("fresh");
        }
    }

    final FollowUps followUps = new FollowUps();
    MockEndpoint store;

    @BeforeEach
    void stubs() throws Exception {
        bind("odooPageReader", new Reader());
        bind("templateChanges", followUps);
        bind("deletionReconciler", followUps);
        bind("pullFreshness", followUps);
        store = replace("pull-model", "direct:canonical-page");
        store.whenAnyExchangeReceived(exchange -> events.add("stored " + exchange.getMessage().getBody()
                + (exchange.getProperty("pulseRevive") != null ? " revived" : "")));
    }

    @Test
    void eachPageIsStoredBeforeItsCheckpointIsCommittedThenTheFollowUps() throws Exception {
        start();

        template.sendBodyAndHeader("direct:pull-model", "sale.order", "pulseTenant", "acme");

        assertThat(events).containsExactly("open acme sale.order",
                "stored [record 1]", "commit", "stored [record 2]", "commit", "stored [record 3]", "commit",
                "stored [variant]", "templates committed",
                "stored [absent] revived", "undeleted", "fresh");
        assertThat(deadLetters().getReceivedCounter()).isZero();
    }

    @Test
    void aWithheldDropIsDeadLetteredAndThePullCompletes() throws Exception {
        followUps.withheld = List.of(List.of(5, 6));
        MockEndpoint deadLetters = deadLetters();
        deadLetters.expectedMessageCount(1);
        start();

        template.sendBodyAndHeader("direct:pull-model", "sale.order", "pulseTenant", "acme");

        deadLetters.assertIsSatisfied();
        Exchange letter = deadLetters.getExchanges().get(0);
        assertThat(letter.getProperty(Exchange.FAILURE_ROUTE_ID)).isEqualTo("deletion-reconcile");
        assertThat(letter.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class))
                .hasMessage("sudden drop withheld: [5, 6]");
        assertThat(events).endsWith("fresh");
    }
}
