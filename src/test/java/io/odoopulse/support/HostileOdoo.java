package io.odoopulse.support;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tenant's Odoo that misbehaves on demand, on a loopback port: a raw-socket HTTP/1.1 server that answers each call
 * by forwarding it to a real upstream Odoo (the simulator, say), unless told to be slow, to stall after the headers,
 * or to send more body than anyone should read. The behaviour can be switched at any time, for every call or for the
 * calls that name one model.
 * <pre>
 * try (HostileOdoo odoo = HostileOdoo.start(simulator.url())) {
 *     odoo.behaviour(Behaviour.stallAfterHeaders().onlyFor("sale.order"));
 *     // point the tenant's odoo.url at odoo.url(): its sale.order calls hang after the headers, the rest work
 *     odoo.behaviour(Behaviour.forward());
 * }
 * </pre>
 * Every answer carries {@code Connection: close}, so each call has its own connection and
 * {@link #openConnections()} tells whether the client let go of it. {@link #close()} ends every thread within seconds,
 * whatever it was doing.
 */
public final class HostileOdoo implements AutoCloseable {

    /** What the server does with a call; the factories below name each one. */
    public record Behaviour(Kind kind, Duration delay, long bytes, Optional<String> model) {

        public enum Kind { FORWARD, SLOW_SEARCH_READ, STALL_AFTER_HEADERS, ENDLESS_BODY, HUGE_BODY, ANNOUNCED_BODY }

        /** Answer as the upstream does. */
        public static Behaviour forward() {
            return new Behaviour(Kind.FORWARD, Duration.ZERO, 0, Optional.empty());
        }

        /** A slow tenant: each {@code search_read} is answered by the upstream after {@code perCall}. */
        public static Behaviour slowSearchRead(Duration perCall) {
            return new Behaviour(Kind.SLOW_SEARCH_READ, perCall, 0, Optional.empty());
        }

        /** {@code 200 OK} and the headers of a chunked body, then nothing, until the client hangs up. */
        public static Behaviour stallAfterHeaders() {
            return new Behaviour(Kind.STALL_AFTER_HEADERS, Duration.ZERO, 0, Optional.empty());
        }

        /** {@code 200 OK} and a chunked body of JSON records that never ends, as fast as the client reads. */
        public static Behaviour endlessBody() {
            return new Behaviour(Kind.ENDLESS_BODY, Duration.ZERO, 0, Optional.empty());
        }

        /** {@code 200 OK} and a complete chunked body of exactly {@code bytes}: a JSON-RPC answer with one long string. */
        public static Behaviour hugeBody(long bytes) {
            return new Behaviour(Kind.HUGE_BODY, Duration.ZERO, bytes, Optional.empty());
        }

        /** {@code 200 OK} with {@code Content-Length: bytes}, then none of the body, until the client hangs up. */
        public static Behaviour announcedBody(long bytes) {
            return new Behaviour(Kind.ANNOUNCED_BODY, Duration.ZERO, bytes, Optional.empty());
        }

        /** Misbehave only on calls that name {@code model}; forward the others. */
        public Behaviour onlyFor(String model) {
            return new Behaviour(kind, delay, bytes, Optional.of(model));
        }

        boolean appliesTo(Request request) {
            return model.map(request::names).orElse(true)
                    && (kind != Kind.SLOW_SEARCH_READ || request.names("search_read"));
        }
    }

    private static final Duration STOP_WITHIN = Duration.ofSeconds(5);
    private static final HttpClient UPSTREAM = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    /** End-to-end headers a call carries to Odoo (JSON-2 sends its key and database in headers). */
    private static final Set<String> FORWARDED = Set.of("content-type", "authorization", "x-odoo-database", "cookie",
            "accept");

    private final String upstream;
    private final ServerSocket server;
    private final ExecutorService threads;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final AtomicInteger calls = new AtomicInteger();
    private final Map<String, AtomicInteger> callsByModel = new ConcurrentHashMap<>();
    private volatile Behaviour behaviour = Behaviour.forward();

    private HostileOdoo(String upstream, ServerSocket server) {
        this.upstream = upstream.endsWith("/") ? upstream.substring(0, upstream.length() - 1) : upstream;
        this.server = server;
        AtomicInteger names = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "hostile-odoo-" + server.getLocalPort() + "-" + names.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        threads.execute(this::accept);
    }

    /** Listens on a free loopback port and forwards to {@code upstreamUrl} until told otherwise. */
    public static HostileOdoo start(String upstreamUrl) {
        try {
            return new HostileOdoo(upstreamUrl, new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on loopback", e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** Applies to the calls that arrive from now on. */
    public HostileOdoo behaviour(Behaviour behaviour) {
        this.behaviour = behaviour;
        return this;
    }

    /** Calls received so far, whatever they asked. */
    public int calls() {
        return calls.get();
    }

    /** Calls received so far that named {@code model}. */
    public int calls(String model) {
        AtomicInteger count = callsByModel.get(model);
        return count == null ? 0 : count.get();
    }

    /** Connections the server has accepted and that neither side has closed yet. */
    public int openConnections() {
        return open.size();
    }

    /** @return whether every connection was closed within {@code limit} */
    public boolean awaitNoOpenConnections(Duration limit) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (!open.isEmpty() && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        return open.isEmpty();
    }

    @Override
    public void close() {
        closing.countDown();
        quietly(server);
        open.forEach(HostileOdoo::quietly);
        threads.shutdownNow();
        try {
            if (!threads.awaitTermination(STOP_WITHIN.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("HostileOdoo on " + url() + " did not stop within " + STOP_WITHIN);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            open.add(socket);
            try {
                threads.execute(() -> serve(socket));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                quietly(socket);
                open.remove(socket);
            }
        }
    }

    /** One call per connection: each answer says {@code Connection: close}. */
    private void serve(Socket socket) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            Request request = Request.read(in);
            if (request == null) {
                return;
            }
            calls.incrementAndGet();
            count(request);
            Behaviour now = behaviour;
            if (!now.appliesTo(request)) {
                forward(request, out);
                return;
            }
            switch (now.kind()) {
                case FORWARD -> forward(request, out);
                case SLOW_SEARCH_READ -> {
                    if (!closing.await(now.delay().toMillis(), TimeUnit.MILLISECONDS)) {
                        forward(request, out);
                    }
                }
                case STALL_AFTER_HEADERS -> {
                    head(out, "Transfer-Encoding: chunked");
                    awaitHangUp(in);
                }
                case ENDLESS_BODY -> {
                    head(out, "Transfer-Encoding: chunked");
                    byte[] chunk = chunk(records(64 * 1024));
                    out.write(chunk("[".getBytes(StandardCharsets.US_ASCII)));
                    while (closing.getCount() > 0) {
                        out.write(chunk); // fails once the client hangs up
                    }
                }
                case HUGE_BODY -> {
                    head(out, "Transfer-Encoding: chunked");
                    writeHuge(out, now.bytes());
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
                case ANNOUNCED_BODY -> {
                    head(out, "Content-Length: " + now.bytes());
                    awaitHangUp(in);
                }
            }
        } catch (IOException e) {
            // The client hung up or the server is closing: either way this call is over.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            open.remove(socket);
        }
    }

    private void count(Request request) {
        for (String model : request.models()) {
            callsByModel.computeIfAbsent(model, m -> new AtomicInteger()).incrementAndGet();
        }
    }

    private void forward(Request request, OutputStream out) throws IOException, InterruptedException {
        HttpRequest.Builder call = HttpRequest.newBuilder(URI.create(upstream + request.target()))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach((name, value) -> {
            if (FORWARDED.contains(name)) {
                call.header(name, value);
            }
        });
        HttpResponse<byte[]> answer;
        try {
            answer = UPSTREAM.send(call.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            out.write(("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return;
        }
        StringBuilder head = new StringBuilder("HTTP/1.1 " + answer.statusCode() + " Forwarded\r\n");
        for (String name : new String[] {"Content-Type", "Retry-After", "Set-Cookie"}) {
            answer.headers().allValues(name).forEach(value -> head.append(name).append(": ").append(value)
                    .append("\r\n"));
        }
        head.append("Content-Length: ").append(answer.body().length).append("\r\nConnection: close\r\n\r\n");
        out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
        out.write(answer.body());
        out.flush();
    }

    private static void head(OutputStream out, String framing) throws IOException {
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n" + framing + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Reads until the client closes the connection (or the server closes): a stall that notices the hang-up. */
    private static void awaitHangUp(InputStream in) throws IOException {
        byte[] sink = new byte[1024];
        while (in.read(sink) >= 0) {
            // whatever the client sends now is ignored
        }
    }

    /** A JSON-RPC answer of exactly {@code bytes}: {@code {"jsonrpc": "2.0", "id": 1, "result": "xxx...x"}}. */
    private void writeHuge(OutputStream out, long bytes) throws IOException {
        byte[] prefix = "{\"jsonrpc\": \"2.0\", \"id\": 1, \"result\": \"".getBytes(StandardCharsets.US_ASCII);
        byte[] suffix = "\"}".getBytes(StandardCharsets.US_ASCII);
        long padding = bytes - prefix.length - suffix.length;
        if (padding < 0) {
            throw new IllegalArgumentException("a huge body has at least " + (prefix.length + suffix.length)
                    + " bytes");
        }
        out.write(chunk(prefix));
        byte[] block = new byte[64 * 1024];
        Arrays.fill(block, (byte) 'x');
        byte[] full = chunk(block);
        for (; padding >= block.length && closing.getCount() > 0; padding -= block.length) {
            out.write(full);
        }
        if (padding > 0) {
            out.write(chunk(Arrays.copyOf(block, (int) padding)));
        }
        out.write(chunk(suffix));
    }

    /** About {@code size} bytes of {@code {"id": 1, ...},} records, the start of a search_read answer that never ends. */
    private static byte[] records(int size) {
        String record = "{\"id\": 1, \"name\": \"S00001\", \"state\": \"sale\", \"amount_total\": 1234.5},";
        return record.repeat(Math.max(1, size / record.length())).getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] chunk(byte[] data) {
        byte[] size = (Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] framed = Arrays.copyOf(size, size.length + data.length + 2);
        System.arraycopy(data, 0, framed, size.length, data.length);
        framed[framed.length - 2] = '\r';
        framed[framed.length - 1] = '\n';
        return framed;
    }

    private static void quietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // closing anyway
        }
    }

    /** One HTTP/1.1 request as it came: target, headers (lower-case names), body. */
    record Request(String target, Map<String, String> headers, byte[] body) {

        private static final int MAX_HEAD = 64 * 1024;

        /** @return null when the client closed before a request line */
        static Request read(InputStream in) throws IOException {
            String requestLine = line(in);
            if (requestLine == null || requestLine.isEmpty()) {
                return null;
            }
            String[] parts = requestLine.split(" ");
            if (parts.length != 3) {
                throw new IOException("not an HTTP request line: " + requestLine);
            }
            Map<String, String> headers = new LinkedHashMap<>();
            int headSize = requestLine.length();
            for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
                headSize += header.length();
                if (headSize > MAX_HEAD) {
                    throw new IOException("request head over " + MAX_HEAD + " bytes");
                }
                int colon = header.indexOf(':');
                if (colon > 0) {
                    headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                            header.substring(colon + 1).trim());
                }
            }
            if (headers.containsKey("transfer-encoding")) {
                // java.net.http sends a byte-array body with its length; nothing else calls this server.
                throw new IOException("a chunked request body is not supported here");
            }
            int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
            byte[] body = in.readNBytes(length);
            if (body.length < length) {
                throw new IOException("request body cut at " + body.length + " of " + length + " bytes");
            }
            return new Request(parts[1], headers, body);
        }

        private static String line(InputStream in) throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b = in.read(); b >= 0; b = in.read()) {
                if (b == '\n') {
                    String text = line.toString(StandardCharsets.ISO_8859_1);
                    return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
                }
                if (line.size() >= MAX_HEAD) {
                    throw new IOException("request line over " + MAX_HEAD + " bytes");
                }
                line.write(b);
            }
            return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
        }

        /**
         * Whether the call names {@code token} as a whole value: {@code "token"} in JSON-RPC,
         * {@code >token<} in XML-RPC, a path segment in JSON-2.
         */
        boolean names(String token) {
            String text = new String(body, StandardCharsets.UTF_8);
            return text.contains("\"" + token + "\"") || text.contains(">" + token + "<")
                    || target.contains("/" + token + "/") || target.endsWith("/" + token);
        }

        /** The models the call names: JSON-2's path, or execute_kw's model argument. */
        Set<String> models() {
            Set<String> models = new java.util.TreeSet<>();
            if (target.startsWith("/json/2/")) {
                String[] segments = target.split("/");
                if (segments.length > 3) {
                    models.add(segments[3]);
                }
            }
            String text = new String(body, StandardCharsets.UTF_8);
            java.util.regex.Matcher quoted = MODEL.matcher(text);
            while (quoted.find()) {
                models.add(quoted.group(1) != null ? quoted.group(1) : quoted.group(2));
            }
            return models;
        }

        /** A dotted lower-case name, as Odoo names models, quoted in JSON or as an XML-RPC string. */
        private static final java.util.regex.Pattern MODEL = java.util.regex.Pattern.compile(
                "\"([a-z_]+(?:\\.[a-z_0-9]+)+)\"|<string>([a-z_]+(?:\\.[a-z_0-9]+)+)</string>");
    }
}
