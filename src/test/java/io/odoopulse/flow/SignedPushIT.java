package io.odoopulse.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import io.odoopulse.demo.SnapshotInbox;
import io.odoopulse.nervecentre.PushSignature;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Pushes are signed with the tenant's secret and carry an Idempotency-Key; the built-in receiver refuses a push whose
 * signature does not hold and keeps a repeated key once (docs/push-contract.md).
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "camel.main.name=signed-push",
        "spring.datasource.url=jdbc:h2:mem:signed-push;DB_CLOSE_DELAY=-1;MODE=PostgreSQL",
        "pulse.demo.cron=0/2 * * * * ?",
        "pulse.demo.odoo.orders=50",
        "pulse.demo.nerve-centre.signing-secret=" + SignedPushIT.SECRET})
@DirtiesContext
class SignedPushIT {

    static final String SECRET = "signed-push-test-secret-0123456789abcdef";

    @Autowired
    SnapshotInbox inbox;
    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void theDemoTenantHasPushed() {
        await().atMost(Duration.ofSeconds(60)).until(() -> !inbox.all("demo").isEmpty());
    }

    @Test
    void theProductsOwnSignedPushesAreAccepted() {
        assertThat(inbox.latest("demo")).hasValueSatisfying(s -> assertThat(s.path("tenant").asText()).isEqualTo("demo"));
    }

    @Test
    void aPushWithABodyChangedAfterSigningIsRefusedWith401AndNotKept() throws Exception {
        long now = Instant.now().getEpochSecond();
        String signature = PushSignature.sign(SECRET, now, body("signed").getBytes(StandardCharsets.UTF_8));

        int status = post(body("tampered"), "demo@tampered", Long.toString(now), signature);

        assertThat(status).isEqualTo(401);
        assertThat(inbox.all("demo")).noneMatch(s -> s.path("summary").asText().equals("tampered"));
    }

    @Test
    void anUnsignedPushForATenantWithASecretIsRefused() throws Exception {
        assertThat(post(body("unsigned"), "demo@unsigned", null, null)).isEqualTo(401);
    }

    @Test
    void aPushSignedWithAnotherSecretIsRefused() throws Exception {
        long now = Instant.now().getEpochSecond();
        String body = body("other-secret");
        String signature = PushSignature.sign("not-the-tenants-secret-0123456789abcdef", now,
                body.getBytes(StandardCharsets.UTF_8));

        assertThat(post(body, "demo@other-secret", Long.toString(now), signature)).isEqualTo(401);
    }

    @Test
    void aRepeatedIdempotencyKeyIsAnsweredOkAndKeptOnce() throws Exception {
        long now = Instant.now().getEpochSecond();
        String body = body("repeated");
        String signature = PushSignature.sign(SECRET, now, body.getBytes(StandardCharsets.UTF_8));

        int first = post(body, "demo@repeated", Long.toString(now), signature);
        int second = post(body, "demo@repeated", Long.toString(now), signature);

        assertThat(first).isEqualTo(202);
        assertThat(second).isEqualTo(200);
        assertThat(inbox.all("demo")).filteredOn(s -> s.path("summary").asText().equals("repeated")).hasSize(1);
    }

    private static String body(String summary) {
        return "{\"tenant\":\"demo\",\"summary\":\"" + summary + "\",\"cards\":[]}";
    }

    private int post(String body, String idempotencyKey, String timestamp, String signature) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/nerve-centre/api/snapshots"))
                .header("Content-Type", "application/json")
                .header("X-Pulse-Tenant", "demo")
                .header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (timestamp != null) {
            request.header(PushSignature.TIMESTAMP_HEADER, timestamp).header(PushSignature.SIGNATURE_HEADER, signature);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
