package io.odoopulse.routekit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * routes/tenant-tick.camel.yaml, the route template a bundle fills in: a tick pulls every model of the bundle on the
 * tenant's own workers, then pushes one snapshot; a fire time that already ran (on any instance) runs nothing.
 */
class TenantTickRoutesTest extends RouteTestKit {

    @Override
    protected List<String> routeFiles() {
        return List.of("routes/tenant-tick.camel.yaml");
    }

    /** The tick's ledger, company access and freshness. */
    public static class Tick {
        final List<String> steps = new CopyOnWriteArrayList<>();
        String fireTime = "2026-11-22T10:00:00Z";

        public String begin() {
            return fireTime;
        }

        public List<String> models() {
            return List.of("res.partner", "sale.order");
        }

        public void check() {
            steps.add("companies checked");
        }

        public boolean anyRead() {
            return true;
        }

        public void finish() {
            steps.add("finished");
        }

        public void failed() {
            steps.add("failed");
        }
    }

    final Tick tick = new Tick();
    final ExecutorService workers = Executors.newFixedThreadPool(2);
    MockEndpoint pulls;
    MockEndpoint pushes;

    @BeforeEach
    void theTenantAcme() throws Exception {
        bind("tickLedger", tick);
        bind("companyAccess", tick);
        bind("pullFreshness", tick);
        bind("pulse-tick-acme", workers);
        TemplatedRouteBuilder.builder(context, "tenant-tick").routeId("tick-acme").parameter("tenantId", "acme")
                .add();
        replaceFrom("tick-acme", "direct:tick");
        pulls = replace("tick-acme", "direct:pull-model");
        pushes = replace("tick-acme", "direct:kpi-push");
    }

    @AfterEach
    void stopWorkers() {
        workers.shutdownNow();
    }

    @Test
    void aTickPullsEveryModelOfTheBundleThenPushesOnce() throws Exception {
        pulls.expectedBodiesReceivedInAnyOrder("res.partner", "sale.order");
        pulls.expectedHeaderReceived("pulseTenant", "acme");
        pushes.expectedMessageCount(1);
        start();

        template.sendBody("direct:tick", null);

        pulls.assertIsSatisfied();
        pushes.assertIsSatisfied();
        await().atMost(Duration.ofSeconds(5)).until(() -> tick.steps.contains("finished"));
        assertThat(tick.steps).containsExactly("companies checked", "finished");
    }

    @Test
    void aFireTimeThatAlreadyRanRunsNothing() throws Exception {
        tick.fireTime = null;
        pulls.expectedMessageCount(0);
        pushes.expectedMessageCount(0);
        start();

        template.sendBody("direct:tick", null);

        pulls.assertIsSatisfied();
        pushes.assertIsSatisfied();
        assertThat(tick.steps).doesNotContain("companies checked");
    }
}
