package io.odoopulse.odoo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The HTTP leg shared by every transport: one POST. I/O errors and timeouts become {@link OdooUnavailableException};
 * {@link #requireNotTransient} does the same for 5xx and 429 answers, carrying the server's {@code Retry-After}.
 */
final class HttpExchange {

    private final HttpClient http;
    private final Duration timeout;

    HttpExchange(HttpClient http, Duration timeout) {
        this.http = http;
        this.timeout = timeout;
    }

    /** @return the response, whatever its status */
    HttpResponse<byte[]> post(URI uri, String contentType, byte[] body, Map<String, String> headers, String what) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new OdooUnavailableException(what + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OdooUnavailableException(what + " interrupted", e);
        }
        return response;
    }

    /** Throws for a status that says "not now" (5xx from Odoo or a proxy, 429 rate limiting). */
    static void requireNotTransient(HttpResponse<?> response, String what) {
        int status = response.statusCode();
        if (status >= 500 || status == 429) {
            throw new OdooUnavailableException(what + " answered HTTP " + status, null,
                    retryAfter(response).orElse(null));
        }
    }

    static Optional<Duration> retryAfter(HttpResponse<?> response) {
        // Odoo and proxies in front of it send delta-seconds; an HTTP date is rare enough to fall back to backoff.
        return response.headers().firstValue("Retry-After").flatMap(value -> {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(value.trim())));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }
}
