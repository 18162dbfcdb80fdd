package io.odoopulse.routekit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * routes/dead-letter.camel.yaml: the one dead-letter channel. A failing route's exchange is stored with its cause;
 * a failed model pull also marks that model failed for the tick's snapshot; a push failing on I/O is retried first.
 */
class DeadLetterRoutesTest extends RouteTestKit {

    @Override
    protected List<String> routeFiles() {
        return List.of(DEAD_LETTER_FILE);
    }

    @Override
    protected boolean keepDeadLetterRoute() {
        return true;
    }

    /** The dead-letter store: what it was handed. */
    public static class Store {
        final List<String> stored = new CopyOnWriteArrayList<>();

        public void store(Exchange exchange) {
            stored.add(exchange.getProperty(Exchange.FAILURE_ROUTE_ID, String.class) + ": "
                    + exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class).getMessage());
        }
    }

    /** Pull freshness: which model pulls failed. */
    public static class Freshness {
        final List<String> failed = new CopyOnWriteArrayList<>();

        public void failed(Exchange exchange) {
            failed.add(exchange.getMessage().getHeader("pulseModel", String.class));
        }
    }

    final Store store = new Store();
    final Freshness freshness = new Freshness();
    final AtomicInteger pushAttempts = new AtomicInteger();

    @BeforeEach
    void twoRoutesThatFailOnTheChannel() throws Exception {
        bind("deadLetterStore", store);
        bind("pullFreshness", freshness);
        property("pulse.retry.initial-delay-ms", "1");
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:pull-model").routeId("pull-model").routeConfigurationId("pulse-dead-letter")
                        .throwException(new IllegalStateException("Odoo refused the login"));
                from("direct:push").routeId("kpi-push").routeConfigurationId("pulse-dead-letter")
                        .process(e -> {
                            pushAttempts.incrementAndGet();
                            throw new IOException("connection reset");
                        });
            }
        });
        start();
    }

    @Test
    void aFailedModelPullIsStoredWithItsCauseAndMarksTheModelFailed() {
        template.sendBodyAndHeader("direct:pull-model", "sale.order", "pulseModel", "sale.order");

        assertThat(store.stored).containsExactly("pull-model: Odoo refused the login");
        assertThat(freshness.failed).containsExactly("sale.order");
    }

    @Test
    void anInputOutputFailureIsRetriedWithBackoffBeforeItIsStored() {
        template.sendBody("direct:push", "{}");

        assertThat(pushAttempts.get()).as("the first attempt and 3 redeliveries").isEqualTo(4);
        assertThat(store.stored).containsExactly("kpi-push: connection reset");
        assertThat(freshness.failed).as("not a model's pull").isEmpty();
    }
}
