package io.odoopulse.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

/**
 * A Nerve Centre for tests that run the application in other JVMs: a real HTTP endpoint on loopback that keeps every
 * push it was sent, with its {@code Idempotency-Key}, in arrival order.
 */
public final class PushRecorder implements AutoCloseable {

    /** One push as received. */
    public record Push(String tenant, String idempotencyKey, JsonNode snapshot) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final List<Push> pushes = new ArrayList<>();

    private PushRecorder(HttpServer server) {
        this.server = server;
    }

    public static PushRecorder start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        PushRecorder recorder = new PushRecorder(server);
        server.createContext("/snapshots", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                JsonNode snapshot = JSON.readTree(body);
                synchronized (recorder) {
                    recorder.pushes.add(new Push(snapshot.path("tenant").asText(),
                            exchange.getRequestHeaders().getFirst("Idempotency-Key"), snapshot));
                }
                exchange.sendResponseHeaders(202, -1);
            } finally {
                exchange.close();
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4, task -> {
            Thread thread = new Thread(task, "push-recorder");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
        return recorder;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/snapshots";
    }

    public synchronized List<Push> all() {
        return List.copyOf(pushes);
    }

    public synchronized List<Push> of(String tenant) {
        return pushes.stream().filter(p -> p.tenant().equals(tenant)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
