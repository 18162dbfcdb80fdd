package io.odoopulse.odoo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.odoopulse.demo.simulator.OdooFlavour;
import io.odoopulse.demo.simulator.OdooSimulator;
import io.odoopulse.demo.simulator.SimulatorSettings;
import io.odoopulse.support.HostileOdoo;
import io.odoopulse.support.HostileOdoo.Behaviour;
import io.odoopulse.tenant.Secret;
import io.odoopulse.tenant.Tenant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.util.unit.DataSize;

/**
 * A tenant's Odoo that misbehaves after the headers, met over every transport (all read their answers through
 * {@link HttpExchange}): a stalled body is a timeout like any other, an answer over the size cap is refused for good,
 * read no further than the cap, and neither keeps the calling thread or the connection.
 */
// A client that regresses to waiting forever must fail here, not hang the build.
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class OdooClientIsolationIT {

    private static final long MB = 1024 * 1024;
    private static final Map<OdooFlavour, OdooSimulator> SIMULATORS = new ConcurrentHashMap<>();
    private static final HttpClient HTTP = OdooClient.defaultHttpClient();
    private static final List<String> FIELDS = List.of("name", "state", "amount_total", "write_date");

    private final List<Duration> waits = new ArrayList<>();
    private HostileOdoo odoo;

    @AfterEach
    void stopTheServer() {
        if (odoo != null) {
            odoo.close();
        }
    }

    @AfterAll
    static void stopTheSimulators() {
        SIMULATORS.values().forEach(OdooSimulator::close);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"jsonrpc", "xmlrpc", "json2"})
    void aBodyThatStallsAfterTheHeadersTimesOutAtTheDeadlineAndIsRetried(String transport) throws Exception {
        OdooClient client = connected(transport, Duration.ofSeconds(2), 2);
        odoo.behaviour(Behaviour.stallAfterHeaders().onlyFor("sale.order"));

        long start = System.nanoTime();
        assertThatThrownBy(() -> page(client))
                .isInstanceOf(OdooUnavailableException.class)
                .hasMessageContaining("still failing after 2 attempts")
                .hasMessageContaining("no complete answer within 2000 ms")
                .hasMessageContaining("covers reading the whole body")
                .hasMessageContaining("HTTP 200 and its headers came, then 0 bytes of the body");
        Duration taken = Duration.ofNanos(System.nanoTime() - start);

        assertThat(taken).as("two attempts of one 2 s deadline each").isBetween(Duration.ofMillis(3900),
                Duration.ofSeconds(8));
        assertThat(odoo.calls("sale.order")).isEqualTo(2);
        assertThat(odoo.awaitNoOpenConnections(Duration.ofSeconds(2))).as("the client hung up both calls").isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"jsonrpc", "xmlrpc", "json2"})
    void anEndlessBodyIsCutAtTheCapAndRefusedWithoutRetry(String transport) throws Exception {
        OdooClient client = connected(transport, Duration.ofSeconds(30), 3);
        odoo.behaviour(Behaviour.endlessBody().onlyFor("sale.order"));

        long start = System.nanoTime();
        assertThatThrownBy(() -> page(client))
                .isInstanceOfSatisfying(OdooResponseTooLargeException.class, tooLarge -> {
                    assertThat(tooLarge.cap()).isEqualTo(MB);
                    assertThat(tooLarge.seen()).as("read no further than the cap and one network buffer")
                            .isBetween(MB + 1, MB + 64 * 1024);
                })
                .hasMessageContaining("tenant t-" + transport + ": sale.order.search_read")
                .hasMessageContaining("sent more than 1048576 bytes")
                .hasMessageContaining("the cap is 1048576 bytes");
        Duration taken = Duration.ofNanos(System.nanoTime() - start);

        assertThat(taken).as("cut at the cap, long before the deadline").isLessThan(Duration.ofSeconds(10));
        assertThat(odoo.calls("sale.order")).as("permanent: not retried").isEqualTo(1);
        assertThat(waits).isEmpty();
        assertThat(odoo.awaitNoOpenConnections(Duration.ofSeconds(2))).as("the client hung up").isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"jsonrpc", "xmlrpc", "json2"})
    void aHugeButFiniteBodyOverTheCapIsRefusedWithoutRetry(String transport) {
        OdooClient client = connected(transport, Duration.ofSeconds(30), 3);
        odoo.behaviour(Behaviour.hugeBody(5 * MB).onlyFor("sale.order"));

        assertThatThrownBy(() -> page(client))
                .isInstanceOfSatisfying(OdooResponseTooLargeException.class,
                        tooLarge -> assertThat(tooLarge.seen()).isBetween(MB + 1, MB + 64 * 1024))
                .hasMessageContaining("tenant t-" + transport + ": sale.order.search_read")
                .hasMessageContaining("sent more than 1048576 bytes");
        assertThat(odoo.calls("sale.order")).isEqualTo(1);
        assertThat(waits).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"jsonrpc", "xmlrpc", "json2"})
    void aContentLengthOverTheCapIsRefusedBeforeTheBodyIsRead(String transport) {
        OdooClient client = connected(transport, Duration.ofSeconds(30), 3);
        // The server announces 10 MB and sends none of it: only a refusal on the header can end the call early.
        odoo.behaviour(Behaviour.announcedBody(10 * MB).onlyFor("sale.order"));

        long start = System.nanoTime();
        assertThatThrownBy(() -> page(client))
                .isInstanceOf(OdooResponseTooLargeException.class)
                .hasMessageContaining("tenant t-" + transport + ": sale.order.search_read")
                .hasMessageContaining("announced a body of 10485760 bytes, refused before reading it")
                .hasMessageContaining("the cap is 1048576 bytes");

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(odoo.calls("sale.order")).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"jsonrpc", "xmlrpc", "json2"})
    void withoutACapInTheBundleTheDefaultCapApplies(String transport) {
        odoo = HostileOdoo.start(simulator(transport).url());
        OdooClient client = client(transport, Duration.ofSeconds(30), 3, Optional.empty(), DataSize.ofMegabytes(2));
        client.uid();
        odoo.behaviour(Behaviour.hugeBody(3 * MB).onlyFor("sale.order"));

        assertThatThrownBy(() -> page(client))
                .isInstanceOf(OdooResponseTooLargeException.class)
                .hasMessageContaining("sent more than 2097152 bytes");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"jsonrpc", "xmlrpc", "json2"})
    void anAnswerUnderTheCapIsRead(String transport) {
        odoo = HostileOdoo.start(simulator(transport).url());
        // A page of five orders weighs a few kilobytes.
        OdooClient client = client(transport, Duration.ofSeconds(30), 3, Optional.of(DataSize.ofKilobytes(64)),
                DataSize.ofMegabytes(64));

        assertThat(page(client)).hasSize(5);
        assertThat(waits).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"jsonrpc", "xmlrpc", "json2"})
    void aSlowTenantWithinTheDeadlineIsJustSlow(String transport) {
        OdooClient client = connected(transport, Duration.ofSeconds(4), 3);
        odoo.behaviour(Behaviour.slowSearchRead(Duration.ofSeconds(1)));

        long start = System.nanoTime();
        assertThat(page(client)).hasSize(5);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(waits).isEmpty();
    }

    /** Logged in through a hostile server that forwards for now; answers capped at 1 MB by the bundle. */
    private OdooClient connected(String transport, Duration deadline, int attempts) {
        odoo = HostileOdoo.start(simulator(transport).url());
        OdooClient client = client(transport, deadline, attempts, Optional.of(DataSize.ofMegabytes(1)),
                DataSize.ofMegabytes(64));
        client.uid();
        return client;
    }

    private OdooClient client(String transport, Duration deadline, int attempts, Optional<DataSize> bundleCap,
                              DataSize defaultCap) {
        OdooSimulator simulator = simulator(transport);
        Tenant.OdooConnection connection = new Tenant.OdooConnection(odoo.url(), simulator.settings().db(), "admin",
                new Secret(simulator.settings().apiKey()), transport, bundleCap);
        return new OdooClient("t-" + transport, OdooClient.transport(transport, connection, HTTP, deadline,
                defaultCap), new RetryPolicy(attempts, Duration.ofMillis(10), Duration.ofMillis(100)), 2, waits::add);
    }

    private static List<Map<String, Object>> page(OdooClient client) {
        return client.searchRead("sale.order", List.of(), FIELDS, "write_date asc, id asc", 5, Map.of());
    }

    private static OdooSimulator simulator(String transport) {
        OdooFlavour flavour = transport.equals("json2") ? OdooFlavour.V19 : OdooFlavour.V17;
        return SIMULATORS.computeIfAbsent(flavour, f -> OdooSimulator.start(SimulatorSettings.demo()
                .withFlavour(f).withGenerated(7, 40, java.time.Instant.parse("2026-11-22T00:00:00Z"))));
    }
}
