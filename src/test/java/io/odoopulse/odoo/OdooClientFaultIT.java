package io.odoopulse.odoo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import io.odoopulse.demo.simulator.OdooFlavour;
import io.odoopulse.demo.simulator.OdooSimulator;
import io.odoopulse.demo.simulator.SimulatorSettings;
import io.odoopulse.tenant.Secret;
import io.odoopulse.tenant.Tenant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each fault the simulator can inject, met by the Odoo client over every transport and version flavour:
 * transient faults are retried (Retry-After honoured), an expired session logs in again, permanent errors are
 * raised at once, never retried.
 */
class OdooClientFaultIT {

    private static final Map<OdooFlavour, OdooSimulator> SIMULATORS = new ConcurrentHashMap<>();
    private static final List<String> FIELDS = List.of("name", "state", "amount_total", "write_date");

    private final List<Duration> waits = new ArrayList<>();

    static Stream<Arguments> transports() {
        return Stream.of(
                Arguments.of("jsonrpc", OdooFlavour.V16),
                Arguments.of("jsonrpc", OdooFlavour.V17),
                Arguments.of("jsonrpc", OdooFlavour.V18),
                Arguments.of("xmlrpc", OdooFlavour.V17),
                Arguments.of("xmlrpc", OdooFlavour.V18),
                Arguments.of("json2", OdooFlavour.V19));
    }

    @AfterEach
    void clearFaults() {
        SIMULATORS.values().forEach(s -> s.faults().clear());
    }

    @AfterAll
    static void stop() {
        SIMULATORS.values().forEach(OdooSimulator::close);
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("transports")
    void addedLatencyWithinTheTimeoutIsJustSlower(String transport, OdooFlavour flavour) {
        OdooClient client = client(transport, flavour, simulator(flavour).settings().apiKey());
        simulator(flavour).faults().latency(Duration.ofMillis(300));

        assertThat(page(client)).hasSize(5);
        assertThat(waits).isEmpty();
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("transports")
    void latencyBeyondTheTimeoutIsRetried(String transport, OdooFlavour flavour) {
        OdooClient client = client(transport, flavour, simulator(flavour).settings().apiKey(), Duration.ofMillis(200));
        client.uid();
        simulator(flavour).faults().latency(Duration.ofMillis(600));

        assertThatThrownBy(() -> page(client)).isInstanceOf(OdooUnavailableException.class)
                .hasMessageContaining("still failing after 3 attempts");
        assertThat(waits).hasSize(2);
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("transports")
    void badGatewayAndServiceUnavailableAreRetriedWithBackoff(String transport, OdooFlavour flavour) {
        OdooClient client = connected(transport, flavour);
        simulator(flavour).faults().failNext(1, 502).failNext(1, 503);

        assertThat(page(client)).hasSize(5);
        assertThat(waits).hasSize(2);
        assertThat(waits).allSatisfy(w -> assertThat(w).isBetween(Duration.ofMillis(5), Duration.ofMillis(80)));
        assertThat(client.overloads()).as("refusals seen by the call limit and the page size").isEqualTo(2);
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("transports")
    void tooManyRequestsWaitsExactlyWhatRetryAfterSays(String transport, OdooFlavour flavour) {
        OdooClient client = connected(transport, flavour);
        simulator(flavour).faults().rateLimitNext(1, Duration.ofSeconds(7));

        assertThat(page(client)).hasSize(5);
        assertThat(waits).containsExactly(Duration.ofSeconds(7));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("transports")
    void aConnectionResetInTheMiddleOfTheBodyIsRetried(String transport, OdooFlavour flavour) {
        OdooClient client = connected(transport, flavour);
        simulator(flavour).faults().resetNext(1);

        assertThat(page(client)).hasSize(5);
        assertThat(waits).hasSize(1);
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("transports")
    void aTruncatedBodyIsRetried(String transport, OdooFlavour flavour) {
        OdooClient client = connected(transport, flavour);
        simulator(flavour).faults().truncateNext(1);

        assertThat(page(client)).hasSize(5);
        assertThat(waits).hasSize(1);
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("transports")
    void anExpiredSessionLogsInAgainOnce(String transport, OdooFlavour flavour) {
        // XML-RPC and JSON-2 carry the credentials in every call: there is no session to expire (an expired JSON-2
        // key answers 401, a permanent refusal, covered by the bad-credentials test).
        assumeTrue(transport.equals("jsonrpc"), "sessions exist on JSON-RPC only");
        OdooClient client = connected(transport, flavour);
        simulator(flavour).faults().expireNext(1);

        assertThat(page(client)).hasSize(5);
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("transports")
    void badCredentialsAreRefusedAtOnceWithoutRetry(String transport, OdooFlavour flavour) {
        OdooClient client = client(transport, flavour, "wrong-secret");

        assertThatThrownBy(() -> page(client))
                .isInstanceOf(OdooException.class)
                .satisfies(e -> assertThat(((OdooException) e).errorName()).isEqualTo("odoo.exceptions.AccessDenied"))
                .message().doesNotContain("wrong-secret");
        assertThat(waits).isEmpty();
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("transports")
    void aModelTheUserMayNotReadIsRefusedAtOnce(String transport, OdooFlavour flavour) {
        assumeTrue(!transport.equals("json2"), "the recorded no-sales user has no API key, which JSON-2 requires");
        OdooClient client = client(transport, flavour, "nosales-17", "contract_nosales");

        assertThatThrownBy(() -> page(client))
                .isInstanceOf(OdooException.class)
                .satisfies(e -> assertThat(((OdooException) e).errorName()).endsWith("AccessError"));
        assertThat(waits).isEmpty();
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("transports")
    void anUnknownFieldIsRefusedAtOnceAndNamed(String transport, OdooFlavour flavour) {
        OdooClient client = connected(transport, flavour);

        assertThatThrownBy(() -> client.searchRead("sale.order", List.of(), List.of("name", "x_no_such_field"),
                "id asc", 5, Map.of()))
                .isInstanceOf(OdooException.class)
                .hasMessageContaining("x_no_such_field");
        assertThat(waits).isEmpty();
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("transports")
    void theServerVersionIsReadAsTheFlavourReportsIt(String transport, OdooFlavour flavour) {
        ServerVersion version = ServerVersion.of(connected(transport, flavour).version());

        assertThat(version.major()).isEqualTo(flavour.major());
        assertThat(version.edition()).isEqualTo("Community");
    }

    private OdooClient connected(String transport, OdooFlavour flavour) {
        OdooClient client = client(transport, flavour, simulator(flavour).settings().apiKey());
        client.uid();
        return client;
    }

    private OdooClient client(String transport, OdooFlavour flavour, String secret) {
        return client(transport, flavour, secret, "admin", Duration.ofSeconds(10));
    }

    private OdooClient client(String transport, OdooFlavour flavour, String secret, Duration timeout) {
        return client(transport, flavour, secret, "admin", timeout);
    }

    private OdooClient client(String transport, OdooFlavour flavour, String secret, String login) {
        return client(transport, flavour, secret, login, Duration.ofSeconds(10));
    }

    private OdooClient client(String transport, OdooFlavour flavour, String secret, String login, Duration timeout) {
        OdooSimulator simulator = simulator(flavour);
        Tenant.OdooConnection connection = new Tenant.OdooConnection(simulator.url(), simulator.settings().db(), login,
                new Secret(secret), transport);
        return new OdooClient("t-" + transport, OdooClient.transport(transport, connection,
                OdooClient.defaultHttpClient(), timeout),
                new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(100)), 2, waits::add);
    }

    private static List<Map<String, Object>> page(OdooClient client) {
        return client.searchRead("sale.order", List.of(), FIELDS, "write_date asc, id asc", 5, Map.of());
    }

    private static OdooSimulator simulator(OdooFlavour flavour) {
        return SIMULATORS.computeIfAbsent(flavour, f -> OdooSimulator.start(SimulatorSettings.demo()
                .withFlavour(f).withGenerated(7, 40, java.time.Instant.parse("2026-11-22T00:00:00Z"))));
    }
}
