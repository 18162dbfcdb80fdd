package io.odoopulse.routekit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;

/** routes/bundles.camel.yaml: the bundles directory is compared with what runs again and again. */
class BundlesRoutesTest extends RouteTestKit {

    @Override
    protected List<String> routeFiles() {
        return List.of("routes/bundles.camel.yaml");
    }

    /** Counts the scans. */
    public static class LiveBundles {
        final AtomicInteger scans = new AtomicInteger();

        public void reconcile() {
            scans.incrementAndGet();
        }
    }

    @Test
    void theBundlesAreScannedEveryScanInterval() throws Exception {
        LiveBundles bundles = new LiveBundles();
        bind("liveBundles", bundles);
        property("pulse.tenants.scan-interval", "20ms");
        NotifyBuilder threeScans = new NotifyBuilder(context).fromRoute("bundle-watch").whenDone(3).create();
        start();

        assertThat(threeScans.matches(5, TimeUnit.SECONDS)).isTrue();
        assertThat(bundles.scans.get()).isGreaterThanOrEqualTo(3);
    }
}
