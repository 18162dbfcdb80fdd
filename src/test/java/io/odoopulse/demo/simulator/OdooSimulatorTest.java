package io.odoopulse.demo.simulator;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OdooSimulatorTest {

    static OdooSimulator sim;
    static Rpc rpc;

    @BeforeAll
    static void start() {
        sim = OdooSimulator.start(SimulatorSettings.demo());
        rpc = new Rpc(sim);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void bindsARandomLoopbackPortAndReportsItsUrl() {
        assertThat(sim.port()).isPositive();
        assertThat(sim.url()).isEqualTo("http://127.0.0.1:" + sim.port());
        assertThat(sim.settings().port()).isEqualTo(sim.port());
    }

    @Test
    void searchReadOverRealHttpReturnsOrdersInTheRecordedShape() {
        List<Map<String, Object>> rows = rpc.searchRead("sale.order", List.of(List.of("state", "=", "sale")),
                Map.of("fields", List.of("name", "partner_id", "amount_total", "write_date"), "limit", 5, "order", "id asc"));

        assertThat(rows).hasSize(5);
        Map<String, Object> first = rows.get(0);
        assertThat(first.keySet()).containsExactly("id", "name", "partner_id", "amount_total", "write_date");
        assertThat((List<?>) first.get("partner_id")).hasSize(2).first().isInstanceOf(Integer.class);
        assertThat((String) first.get("write_date")).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
    }

    @Test
    void responseEnvelopeIsByteShapedLikePythonJson() {
        String body = rpc.post("/jsonrpc", "{\"jsonrpc\": \"2.0\", \"method\": \"call\", \"params\": {\"service\": \"common\", "
                + "\"method\": \"version\", \"args\": []}, \"id\": 1}", "application/json").body();

        assertThat(body).isEqualTo("{\"jsonrpc\": \"2.0\", \"id\": 1, \"result\": {\"server_version\": \"17.0\", "
                + "\"server_version_info\": [17, 0, 0, \"final\", 0, \"\"], \"server_serie\": \"17.0\", \"protocol_version\": 1}}");
    }

    @Test
    void loginWithPasswordOrApiKeyReturnsTheUid() {
        assertThat(rpc.call("common", "login", "odoo17", "admin", "admin").get("result")).isEqualTo(2);
        assertThat(rpc.call("common", "authenticate", "odoo17", "admin", "demo-api-key", Map.of()).get("result")).isEqualTo(2);
    }

    @Test
    void loginWithWrongPasswordReturnsFalseNotAnError() {
        Map<String, Object> env = rpc.call("common", "login", "odoo17", "admin", "nope");
        assertThat(env).containsEntry("result", false).doesNotContainKey("error");
    }

    @Test
    void executeKwWithWrongPasswordGivesTheAccessDeniedErrorObject() {
        Map<String, Object> env = rpc.as(2, "wrong-password").executeRaw("sale.order", "search_count", List.of(List.of()), Map.of());

        @SuppressWarnings("unchecked")
        Map<String, Object> error = (Map<String, Object>) env.get("error");
        assertThat(error).containsEntry("code", 200).containsEntry("message", "Odoo Server Error");
        Map<String, Object> data = Rpc.errorData(env);
        assertThat(data).containsEntry("name", "odoo.exceptions.AccessDenied").containsEntry("message", "Access Denied")
                .containsEntry("arguments", List.of("Access Denied")).containsEntry("context", Map.of());
        assertThat((String) data.get("debug")).startsWith("Traceback (most recent call last):")
                .endsWith("odoo.exceptions.AccessDenied: Access Denied\n");
    }

    @Test
    void executeKwAcceptsTheApiKeyInPlaceOfThePassword() {
        int n = rpc.as(2, "demo-api-key").searchCount("sale.order", List.of(), Map.of());
        assertThat(n).isEqualTo(SimulatorSettings.DEMO_ORDERS);
    }
}
