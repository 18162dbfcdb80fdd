package io.odoopulse.demo.simulator;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaultInjectorTest {

    static OdooSimulator sim;
    static Rpc rpc;
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final String VERSION_CALL = "{\"jsonrpc\": \"2.0\", \"method\": \"call\", \"params\": {\"service\": \"common\", "
            + "\"method\": \"version\", \"args\": []}, \"id\": 7}";

    @BeforeAll
    static void start() {
        sim = OdooSimulator.start(SimulatorSettings.demo().withGenerated(1, 40, Instant.parse("2026-11-22T00:00:00Z")));
        rpc = new Rpc(sim);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @AfterEach
    void disarm() {
        sim.faults().clear();
    }

    static HttpResponse<String> post(String path, String body, String cookie) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sim.url() + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (cookie != null) b.header("Cookie", cookie);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void latencyDelaysEveryResponseUntilCleared() throws Exception {
        sim.faults().latency(Duration.ofMillis(300));
        long t0 = System.nanoTime();
        post("/jsonrpc", VERSION_CALL, null);
        long delayed = System.nanoTime() - t0;

        assertThat(Duration.ofNanos(delayed)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void aFaultGoesToTheNextRequestToArriveNotToOneStillSleepingFromEarlierLatency() throws Exception {
        sim.faults().latency(Duration.ofMillis(1000));
        var sleeping = HTTP.sendAsync(HttpRequest.newBuilder(URI.create(sim.url() + "/jsonrpc"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(VERSION_CALL))
                .build(), HttpResponse.BodyHandlers.ofString());
        Thread.sleep(400);
        sim.faults().clear();
        sim.faults().failNext(1, 503);
        assertThat(sleeping.get().statusCode()).isEqualTo(200);

        assertThat(post("/jsonrpc", VERSION_CALL, null).statusCode()).isEqualTo(503);
    }

    @ParameterizedTest
    @ValueSource(ints = {502, 503})
    void failNextAnswersWithTheGatewayStatusThenRecovers(int status) throws Exception {
        sim.faults().failNext(1, status);

        assertThat(post("/jsonrpc", VERSION_CALL, null).statusCode()).isEqualTo(status);
        assertThat(post("/jsonrpc", VERSION_CALL, null).statusCode()).isEqualTo(200);
    }

    @Test
    void rateLimitNextAnswers429WithRetryAfterInSeconds() throws Exception {
        sim.faults().rateLimitNext(2, Duration.ofMillis(1500));

        HttpResponse<String> first = post("/jsonrpc", VERSION_CALL, null);
        assertThat(first.statusCode()).isEqualTo(429);
        assertThat(first.headers().firstValue("Retry-After")).hasValue("2");
        assertThat(post("/jsonrpc", VERSION_CALL, null).statusCode()).isEqualTo(429);
        assertThat(post("/jsonrpc", VERSION_CALL, null).statusCode()).isEqualTo(200);
    }

    @Test
    void resetNextClosesTheConnectionBeforeTheAnnouncedContentLength() {
        sim.faults().resetNext(1);

        assertThatThrownBy(() -> post("/jsonrpc", VERSION_CALL, null)).isInstanceOf(IOException.class);
    }

    @Test
    void truncateNextDeliversHalfAJsonDocument() throws Exception {
        sim.faults().truncateNext(1);

        HttpResponse<String> r = post("/jsonrpc", VERSION_CALL, null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> Rpc.MAPPER.readTree(r.body())).isInstanceOf(IOException.class);
    }

    @Test
    void expireNextRefusesTheCallAsAnExpiredSession() throws Exception {
        sim.faults().expireNext(1);

        Map<String, Object> env = Rpc.envelope(post("/jsonrpc", VERSION_CALL, null).body());
        @SuppressWarnings("unchecked")
        Map<String, Object> error = (Map<String, Object>) env.get("error");
        assertThat(error).containsEntry("code", 100).containsEntry("message", "Odoo Session Expired");
        assertThat(Rpc.errorData(env)).containsEntry("name", "odoo.http.SessionExpiredException");
    }

    @Test
    void expireSessionsInvalidatesIssuedWebSessionCookies() throws Exception {
        HttpResponse<String> login = post("/web/session/authenticate", "{\"jsonrpc\": \"2.0\", \"method\": \"call\", \"params\": "
                + "{\"db\": \"odoo17\", \"login\": \"admin\", \"password\": \"admin\"}, \"id\": 1}", null);
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        String callKw = "{\"jsonrpc\": \"2.0\", \"method\": \"call\", \"params\": {\"model\": \"sale.order\", \"method\": "
                + "\"search_count\", \"args\": [[]], \"kwargs\": {}}, \"id\": 2}";
        assertThat(Rpc.envelope(post("/web/dataset/call_kw", callKw, cookie).body())).containsEntry("result", 40);

        sim.faults().expireSessions();

        Map<String, Object> env = Rpc.envelope(post("/web/dataset/call_kw", callKw, cookie).body());
        assertThat(env).doesNotContainKey("result");
        assertThat(((Map<?, ?>) env.get("error")).get("code")).isEqualTo(100);
    }

    @Test
    void beforeSearchHookChangesRecordsWhileAClientIsPaging() {
        sim.faults().beforeSearch("sale.order", (call, db) -> {
            if (call == 2) db.write("sale.order", List.of(1), Map.of("client_order_ref", "touched mid-pull"));
        });
        Map<String, Object> page = Map.of("fields", List.of("client_order_ref", "write_date"), "order", "write_date desc, id desc",
                "limit", 1);

        List<Map<String, Object>> first = rpc.searchRead("sale.order", List.of(), page);
        List<Map<String, Object>> second = rpc.searchRead("sale.order", List.of(), page);

        assertThat(first.get(0).get("id")).isNotEqualTo(1);
        assertThat(second.get(0)).containsEntry("id", 1).containsEntry("client_order_ref", "touched mid-pull");
    }
}
