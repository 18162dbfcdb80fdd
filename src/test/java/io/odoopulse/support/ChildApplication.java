package io.odoopulse.support;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The application in a JVM of its own (the test's classpath, the project folder as working directory, the test
 * accounts of src/test/resources/config), for tests
 * that kill it or cap its heap; its progress is read from {@code /api/pulls} like an operator would.
 */
public final class ChildApplication implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final int port;

    private ChildApplication(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts the application with its own free port; output goes to {@code log}. */
    public static ChildApplication start(String maxHeap, Path log, String... arguments) throws IOException {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx" + maxHeap, "-XX:+ExitOnOutOfMemoryError", "-cp",
                System.getProperty("java.class.path"), "io.odoopulse.OdooPulseApplication", "--server.port=" + port));
        // -Dbenchmark.jfr=DIR records the child's profile there, to name a benchmark's bottleneck.
        String jfr = System.getProperty("benchmark.jfr");
        if (jfr != null) {
            // The JVM does not start when the recording's folder is missing.
            java.nio.file.Files.createDirectories(Path.of(jfr));
            command.add(3, "-XX:StartFlightRecording=filename=" + Path.of(jfr, "child-" + port + ".jfr")
                    .toAbsolutePath() + ",settings=profile,dumponexit=true");
        }
        // -Dbenchmark.jvm="..." passes JVM options to the child (e.g. a JIT setting to compare side by side).
        String jvm = System.getProperty("benchmark.jvm", "").trim();
        if (!jvm.isEmpty()) {
            command.addAll(3, List.of(jvm.split("\\s+")));
        }
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .directory(new File(System.getProperty("user.dir"))).start();
        return new ChildApplication(process, port);
    }

    /** The progress of the child's pull of {@code model}, or null while it is starting or not pulling it yet. */
    public JsonNode pull(String model) {
        return pull(null, model);
    }

    /** The same for one tenant's pull of the model (any tenant when null). */
    public JsonNode pull(String tenant, String model) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/api/pulls")).header("Authorization",
                    "Bearer " + TestAccounts.VIEWER_TOKEN).build(), HttpResponse.BodyHandlers.ofString());
            for (JsonNode pull : JSON.readTree(response.body())) {
                if (pull.path("model").asText().equals(model)
                        && (tenant == null || pull.path("tenant").asText().equals(tenant))) {
                    return pull;
                }
            }
            return null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** GET {@code path} on the child (e.g. /actuator/prometheus); null while it does not answer. */
    public String get(String path) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Authorization", "Bearer " + TestAccounts.VIEWER_TOKEN).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** POST {@code path} as the test operator (e.g. /api/tenants/T/pull-now); the HTTP status, -1 unanswered. */
    public int post(String path) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Authorization", "Bearer " + TestAccounts.OPERATOR_TOKEN)
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** The child's process id, to read its memory from /proc. */
    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hook, no flush, as a crash. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** A normal stop (SIGTERM), waiting for it. */
    public void stop() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }

    @Override
    public void close() {
        if (System.getProperty("benchmark.jfr") == null) {
            process.destroyForcibly();
            return;
        }
        // A flight recording is written at a normal exit only.
        process.destroy();
        try {
            if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** This JVM's CPU time so far, user and system, from /proc/<pid>/stat (USER_HZ 100 on Linux). */
    public double cpuSeconds() throws IOException {
        return cpuSeconds(Path.of("/proc", Long.toString(pid()), "stat"));
    }

    /**
     * The CPU time of the JIT compiler's threads now alive (C1 and C2 CompilerThread): the part of a short run's CPU
     * that a long-running instance, its code compiled, no longer spends. A compiler thread the JVM ended meanwhile
     * takes its time with it, so this can fall between two reads; it never counts other threads.
     */
    public double compilerCpuSeconds() throws IOException {
        double seconds = 0;
        try (java.util.stream.Stream<Path> tasks = java.nio.file.Files.list(Path.of("/proc", Long.toString(pid()),
                "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    if (java.nio.file.Files.readString(task.resolve("comm")).matches("(?s)C[12] CompilerThre.*")) {
                        seconds += cpuSeconds(task.resolve("stat"));
                    }
                } catch (java.nio.file.NoSuchFileException ended) {
                    // the thread ended between the listing and the read
                }
            }
        }
        return seconds;
    }

    private static double cpuSeconds(Path stat) throws IOException {
        String line = java.nio.file.Files.readString(stat);
        String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
        // Fields 14 and 15 of the whole line (utime, stime) are 12 and 13 after the command name.
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    }
}
