package io.odoopulse.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.sun.net.httpserver.HttpServer;

import io.odoopulse.nervecentre.PushSignature;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A Nerve Centre of its own (not the built-in receiver) that answers the first attempt of every push with 503: the
 * retry carries the same body, timestamp, signature and Idempotency-Key, and the signature checks out with the
 * tenant's secret, so the receiver can drop the repeat and trust the push.
 */
@CamelSpringBootTest
@SpringBootTest(properties = {
        "camel.main.name=retried-signed-push",
        "spring.datasource.url=jdbc:h2:mem:retried-signed-push;DB_CLOSE_DELAY=-1;MODE=PostgreSQL",
        "pulse.demo.cron=0/3 * * * * ?",
        "pulse.demo.odoo.orders=30",
        "pulse.demo.nerve-centre.signing-secret=" + RetriedSignedPushIT.SECRET,
        "pulse.retry.maximum-redeliveries=2",
        "pulse.retry.initial-delay-ms=200"})
@DirtiesContext
class RetriedSignedPushIT {

    static final String SECRET = "retried-push-test-secret-0123456789abcdef";

    private record Attempt(String idempotencyKey, String timestamp, String signature, byte[] body) {}

    private static final List<Attempt> ATTEMPTS = new ArrayList<>();
    private static final HttpServer NERVE_CENTRE = start();

    @DynamicPropertySource
    static void nerveCentre(DynamicPropertyRegistry registry) {
        registry.add("pulse.nerve-centre.url", () -> "http://127.0.0.1:" + NERVE_CENTRE.getAddress().getPort()
                + "/snapshots");
    }

    @AfterAll
    static void stop() {
        NERVE_CENTRE.stop(0);
    }

    @Test
    void theRetryOfAPushIsTheSameSignedRequestAndItsSignatureChecksOut() {
        await().atMost(Duration.ofSeconds(60)).until(() -> attempts().size() >= 2);
        Attempt first = attempts().get(0);
        Attempt retry = attempts().get(1);

        assertThat(retry.idempotencyKey()).isEqualTo(first.idempotencyKey()).startsWith("demo@");
        assertThat(retry.timestamp()).isEqualTo(first.timestamp());
        assertThat(retry.signature()).isEqualTo(first.signature());
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(PushSignature.verify(SECRET, retry.timestamp(), retry.signature(), retry.body(), Instant.now(),
                PushSignature.DEFAULT_TOLERANCE)).isEqualTo(PushSignature.Verdict.VALID);
    }

    private static synchronized List<Attempt> attempts() {
        return List.copyOf(ATTEMPTS);
    }

    /** Answers 503 to the first attempt of each Idempotency-Key and 202 to the next. */
    private static HttpServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
            server.createContext("/snapshots", exchange -> {
                try (InputStream in = exchange.getRequestBody()) {
                    var headers = exchange.getRequestHeaders();
                    Attempt attempt = new Attempt(headers.getFirst("Idempotency-Key"),
                            headers.getFirst(PushSignature.TIMESTAMP_HEADER),
                            headers.getFirst(PushSignature.SIGNATURE_HEADER), in.readAllBytes());
                    boolean seen;
                    synchronized (RetriedSignedPushIT.class) {
                        seen = ATTEMPTS.stream().anyMatch(a -> a.idempotencyKey().equals(attempt.idempotencyKey()));
                        ATTEMPTS.add(attempt);
                    }
                    exchange.sendResponseHeaders(seen ? 202 : 503, -1);
                } finally {
                    exchange.close();
                }
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
