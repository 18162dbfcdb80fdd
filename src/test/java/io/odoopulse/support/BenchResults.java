package io.odoopulse.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The benchmarks' figures in one place: each benchmark records its figures under its own name in
 * target/bench/results.json (read, merged, written back, so one run of several benchmarks ends with all of them) and
 * the whole table is printed after each record, so the last table in the log is the run's table.
 */
public final class BenchResults {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path FILE = Path.of(System.getProperty("benchmark.results", "target/bench/results.json"));

    private BenchResults() {
    }

    /** Records {@code figures} (name → number or text) of {@code benchmark}, replacing what an earlier run wrote. */
    public static synchronized void record(String benchmark, Map<String, ?> figures) {
        try {
            ObjectNode all = Files.exists(FILE) ? (ObjectNode) JSON.readTree(FILE.toFile()) : JSON.createObjectNode();
            ObjectNode entry = JSON.createObjectNode();
            entry.put("recorded", Instant.now().toString());
            entry.put("cpus", Runtime.getRuntime().availableProcessors());
            figures.forEach((name, value) -> entry.set(name, JSON.valueToTree(value)));
            all.set(benchmark, entry);
            Files.createDirectories(FILE.toAbsolutePath().getParent());
            JSON.writerWithDefaultPrettyPrinter().writeValue(FILE.toFile(), all);
            System.out.println(table(all));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String table(ObjectNode all) {
        StringBuilder out = new StringBuilder("\n[benchmark] results (").append(FILE).append(")\n");
        out.append(String.format("%-34s %-44s %s%n", "benchmark", "figure", "value"));
        for (Iterator<Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>> benchmarks = all.fields();
                benchmarks.hasNext(); ) {
            Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> benchmark = benchmarks.next();
            benchmark.getValue().fields().forEachRemaining(figure -> {
                if (!figure.getKey().equals("recorded")) {
                    out.append(String.format("%-34s %-44s %s%n", benchmark.getKey(), figure.getKey(),
                            figure.getValue().isFloatingPointNumber()
                                    ? String.format("%,.3f", figure.getValue().asDouble())
                                    : figure.getValue().asText()));
                }
            });
        }
        return out.toString();
    }
}
