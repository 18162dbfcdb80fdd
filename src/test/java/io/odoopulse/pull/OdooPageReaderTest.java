package io.odoopulse.pull;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.odoopulse.canonical.MappingCatalog;
import io.odoopulse.demo.simulator.OdooSimulator;
import io.odoopulse.demo.simulator.SimulatorSettings;
import io.odoopulse.odoo.OdooConnections;
import io.odoopulse.odoo.OdooException;
import io.odoopulse.odoo.OdooUnavailableException;
import io.odoopulse.odoo.RetryPolicy;
import io.odoopulse.tenant.Secret;
import io.odoopulse.tenant.Tenant;
import io.odoopulse.tenant.TenantRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/**
 * OdooPageReader#nextPage against the simulator. A pull asks Odoo for its next page while the current one is stored:
 * the page read ahead is the one the cursor asks for next, read once, and what its read threw is thrown where the
 * page is taken. The pages asked grow while Odoo answers fast and shrink when it fails.
 */
class OdooPageReaderTest {

    private static final int PAGE = 10;

    private final OdooSimulator odoo = OdooSimulator.start(SimulatorSettings.demo()
            .withGenerated(7, 45, Instant.parse("2026-11-22T00:00:00Z")));
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final AtomicInteger searches = new AtomicInteger();
    private final OdooConnections connections = connections();
    private final OdooPageReader reader = new OdooPageReader(connections, null,
            new PullProgress(new SimpleMeterRegistry(), java.time.Clock.systemUTC()), null,
            new OdooClockGuard(null, new SimpleMeterRegistry()), pool);

    @AfterEach
    void stop() {
        pool.shutdownNow();
        odoo.close();
    }

    @Test
    void theNextPageIsAskedOfOdooBeforeThePullTakesIt() {
        odoo.faults().beforeSearch("sale.order", (call, db) -> searches.set(call));
        PullCursor cursor = cursor();

        reader.nextPage(cursor);

        await().atMost(Duration.ofSeconds(5)).until(() -> searches.get() == 2);
    }

    @Test
    void aPageReadAheadIsTheOneTakenNextAndOdooIsAskedForItOnce() {
        odoo.faults().beforeSearch("sale.order", (call, db) -> searches.set(call));
        PullCursor cursor = cursor();
        List<Object> ids = new ArrayList<>();
        int pages = 0;

        while (cursor.isHasMore()) {
            reader.nextPage(cursor).forEach(r -> ids.add(r.get("id")));
            pages++;
        }

        assertThat(ids).hasSize(45).doesNotHaveDuplicates();
        assertThat(searches.get()).as("one search per page taken").isEqualTo(pages);
    }

    @Test
    void whatTheReadAheadThrewIsThrownWhereItsPageIsTaken() {
        odoo.faults().beforeSearch("sale.order", (call, db) -> searches.set(call));
        PullCursor cursor = cursor();
        reader.nextPage(cursor);
        await().atMost(Duration.ofSeconds(5)).until(() -> searches.get() == 2);
        odoo.faults().refuse("sale.order");

        // The refusal armed after the read ahead left: that page came through; the one after it is refused.
        reader.nextPage(cursor);
        assertThatThrownBy(() -> reader.nextPage(cursor)).isInstanceOf(OdooException.class)
                .hasMessageContaining("not allowed to access 'sale.order'");
    }

    @Test
    void fullPagesAnsweredFastGrowThePagesAskedUpToThePageSize() {
        PullCursor cursor = new PullCursor("shop", "sale.order", Optional.empty(), Duration.ZERO, 3);

        reader.nextPage(cursor);
        reader.nextPage(cursor);
        reader.nextPage(cursor);

        assertThat(cursor.pageSize()).isEqualTo(PAGE);
    }

    @Test
    void aPageStillFailingAfterTheRetriesHalvesThePagesAsked() {
        connections.get("shop");
        PullCursor cursor = cursor();
        odoo.faults().failNext(RetryPolicy.DEFAULT.maxAttempts(), 503);

        assertThatThrownBy(() -> reader.nextPage(cursor)).isInstanceOf(OdooUnavailableException.class);
        assertThat(cursor.pageSize()).isEqualTo(PAGE / 2);
    }

    private PullCursor cursor() {
        return new PullCursor("shop", "sale.order", Optional.empty(), Duration.ZERO, PAGE);
    }

    private OdooConnections connections() {
        return new OdooConnections(new TenantRegistry(Map.of("shop", new Tenant("shop", "Shop",
                new Tenant.OdooConnection(odoo.url(), odoo.settings().db(), odoo.settings().login(),
                        new Secret(odoo.settings().password())), "0 * * * * ?",
                Tenant.Pull.defaults(PAGE, List.of("sale.order")), ZoneId.of("UTC"), Optional.empty(),
                Path.of("shop.yaml")))), MappingCatalog.load(Path.of("mappings")), RetryPolicy.DEFAULT,
                Duration.ofSeconds(10), DataSize.ofMegabytes(64), wait -> { });
    }
}
