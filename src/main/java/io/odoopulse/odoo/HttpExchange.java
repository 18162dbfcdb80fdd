package io.odoopulse.odoo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The HTTP leg shared by every transport: one POST. The timeout is a deadline for the whole exchange, body
 * included, and the body is read against a size cap while it streams: a tenant's server that stalls mid-body or
 * streams without end can neither hold the calling thread nor fill the heap. I/O errors and the deadline become
 * {@link OdooUnavailableException}, a body over the cap {@link OdooResponseTooLargeException};
 * {@link #requireNotTransient} turns 5xx and 429 answers into {@link OdooUnavailableException}, carrying the
 * server's {@code Retry-After}.
 */
final class HttpExchange {

    static final long DEFAULT_MAX_RESPONSE_BYTES = 64L * 1024 * 1024;

    private final HttpClient http;
    private final Duration timeout;
    private final long maxResponseBytes;
    private volatile Duration serverClockAhead;   // the server's Date header minus our clock, from the last answer

    HttpExchange(HttpClient http, Duration timeout, long maxResponseBytes) {
        // The body ends up in one byte[].
        if (maxResponseBytes < 1 || maxResponseBytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("the response size cap must be between 1 byte and 2 GB, not "
                    + maxResponseBytes + " bytes");
        }
        this.http = http;
        this.timeout = timeout;
        this.maxResponseBytes = maxResponseBytes;
    }

    /** @return the response, whatever its status, with its whole body */
    HttpResponse<byte[]> post(URI uri, String contentType, byte[] body, Map<String, String> headers, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        AtomicReference<CappedBody> reading = new AtomicReference<>();
        CompletableFuture<HttpResponse<byte[]>> answer = http.sendAsync(request.build(), info -> {
            CappedBody capped = new CappedBody(maxResponseBytes, info.statusCode(),
                    info.headers().firstValueAsLong("Content-Length"));
            reading.set(capped);
            return capped;
        });
        try {
            HttpResponse<byte[]> response = answer.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            observeClock(response);
            return response;
        } catch (TimeoutException e) {
            abandon(answer, reading.get());
            throw new OdooUnavailableException(what + " gave no complete answer within " + timeout.toMillis()
                    + " ms (pulse.odoo.timeout, a deadline that covers reading the whole body): "
                    + progress(reading.get()), e);
        } catch (InterruptedException e) {
            abandon(answer, reading.get());
            Thread.currentThread().interrupt();
            throw new OdooUnavailableException(what + " interrupted", e);
        } catch (ExecutionException e) {
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof BodyTooLarge tooLarge) {
                    throw new OdooResponseTooLargeException(what, maxResponseBytes, tooLarge.seen, tooLarge.announced);
                }
            }
            throw new OdooUnavailableException(what + " failed: " + e.getCause(), e.getCause());
        }
    }

    /**
     * Odoo's own clock, from the {@code Date} header of its last answer (to the second): its write_dates are stamped
     * by that clock, not ours. Empty until an answer carried one.
     */
    Optional<Instant> serverNow() {
        Duration ahead = serverClockAhead;
        return ahead == null ? Optional.empty() : Optional.of(Instant.now().plus(ahead));
    }

    private void observeClock(HttpResponse<?> response) {
        response.headers().firstValue("Date").ifPresent(value -> {
            try {
                Instant server = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                serverClockAhead = Duration.between(Instant.now(), server);
            } catch (DateTimeParseException e) {
                // A proxy's malformed header: keep the last good reading.
            }
        });
    }

    /** Stops reading and closes the connection: an unread body cannot go back to the pool. */
    private static void abandon(CompletableFuture<?> answer, CappedBody reading) {
        if (reading != null) {
            reading.cancel();
        }
        answer.cancel(true);
    }

    private static String progress(CappedBody reading) {
        return reading == null ? "no response headers yet"
                : "HTTP " + reading.status + " and its headers came, then " + reading.received() + " bytes of the body";
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

    /** Why a body was refused; turned into {@link OdooResponseTooLargeException} on the caller's thread. */
    private static final class BodyTooLarge extends IOException {
        final long seen;
        final boolean announced;

        BodyTooLarge(long seen, boolean announced) {
            super("response body over the cap: " + seen + (announced ? " bytes announced" : " bytes read"));
            this.seen = seen;
            this.announced = announced;
        }
    }

    /**
     * Collects a body, one buffer list at a time, until it would pass the cap: then cancels, which closes the
     * connection. Holds at most {@code cap} bytes. Calls on the subscription are synchronized: the caller's thread
     * may cancel while the client's thread delivers.
     */
    private static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {

        private final long cap;
        private final int status;
        private final OptionalLong announced;
        private final CompletableFuture<byte[]> body = new CompletableFuture<>();
        private final List<byte[]> chunks = new ArrayList<>();
        private Flow.Subscription subscription;
        private volatile long received;
        private boolean cancelled;

        CappedBody(long cap, int status, OptionalLong announced) {
            this.cap = cap;
            this.status = status;
            this.announced = announced;
        }

        long received() {
            return received;
        }

        @Override
        public synchronized void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            if (cancelled) {
                subscription.cancel();
            } else if (announced.isPresent() && announced.getAsLong() > cap) {
                refuse(announced.getAsLong(), true);
            } else {
                subscription.request(1);
            }
        }

        @Override
        public synchronized void onNext(List<ByteBuffer> buffers) {
            if (cancelled) {
                return;
            }
            for (ByteBuffer buffer : buffers) {
                int size = buffer.remaining();
                if (received + size > cap) {
                    refuse(received + size, false);
                    return;
                }
                byte[] chunk = new byte[size];
                buffer.get(chunk);
                chunks.add(chunk);
                received += size;
            }
            subscription.request(1);
        }

        @Override
        public void onError(Throwable error) {
            body.completeExceptionally(error);
        }

        @Override
        public synchronized void onComplete() {
            byte[] whole = new byte[Math.toIntExact(received)];
            int at = 0;
            for (byte[] chunk : chunks) {
                System.arraycopy(chunk, 0, whole, at, chunk.length);
                at += chunk.length;
            }
            chunks.clear();
            body.complete(whole);
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return body;
        }

        synchronized void cancel() {
            cancelled = true;
            chunks.clear();
            if (subscription != null) {
                subscription.cancel();
            }
        }

        private void refuse(long seen, boolean fromHeader) {
            cancel();
            body.completeExceptionally(new BodyTooLarge(seen, fromHeader));
        }
    }
}
