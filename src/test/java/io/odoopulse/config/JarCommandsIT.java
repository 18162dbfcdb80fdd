package io.odoopulse.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The commands a partner runs from the jar they deploy (failsafe runs this after package): {@code validate} on the
 * corpus of broken bundles, and, live, {@code probe} against the real Odoo 17, 18 and 19 of ../shared/odoo-server
 * (ODOO_LIVE_&lt;major&gt;_URL, skipped without), whose counts must equal the recorded datasets' manifests.
 */
class JarCommandsIT {

    private static final Pattern COUNT = Pattern.compile("^ {4}(\\S+)\\s+([0-9,]+|-)\\s+(yes|no.*)$");
    private static final Pattern MAPPED = Pattern.compile("^ {4}(\\S+)\\s+(all present in fields_get|missing: .*)$");

    @Test
    void validateFromTheJarPrintsEveryProblemOfTheCorpusAndExitsWithOne() throws Exception {
        Run run = java("validate", "--mappings", ValidateCommandTest.CORPUS + "mappings",
                ValidateCommandTest.CORPUS + "bundles");

        assertThat(run.out.lines().toList()).isEqualTo(ValidateCommandTest.CORPUS_PROBLEMS);
        assertThat(run.status).isEqualTo(1);
    }

    @Test
    void validateFromTheJarPassesTheShippedBundleWithStatusZero() throws Exception {
        Run run = java("validate", "config/tenants");

        assertThat(run.out.lines().toList()).containsExactly("1 bundle and 4 mapping files checked: no problems");
        assertThat(run.status).isZero();
    }

    @ParameterizedTest(name = "Odoo {0}.0")
    @ValueSource(strings = {"17", "18", "19"})
    void probeFromTheJarCountsWhatTheRealOdooHoldsAndFindsEveryMappedField(String major) throws Exception {
        String url = System.getenv("ODOO_LIVE_" + major + "_URL");
        assumeTrue(url != null && !url.isBlank(), "ODOO_LIVE_" + major + "_URL is not set");

        Run run = java("probe", "src/test/resources/tenants-live-" + major + "/odoo" + major + ".yaml");

        assertThat(run.status).as(run.err).isZero();
        assertThat(run.out).contains("version   " + major + ".0", "sale yes  stock yes  account yes");
        Map<String, String> counts = new LinkedHashMap<>();
        Map<String, String> access = new LinkedHashMap<>();
        Map<String, String> mapped = new LinkedHashMap<>();
        boolean inMapped = false;
        for (String line : run.out.lines().toList()) {
            inMapped |= line.startsWith("  mapped fields");
            Matcher count = COUNT.matcher(line);
            Matcher field = MAPPED.matcher(line);
            if (!inMapped && count.matches()) {
                counts.put(count.group(1), count.group(2).replace(",", ""));
                access.put(count.group(1), count.group(3));
            } else if (inMapped && field.matches()) {
                mapped.put(field.group(1), field.group(2));
            }
        }
        JsonNode manifest = manifest(major + ".0");
        assertThat(counts).hasSize(10);
        counts.forEach((model, count) -> assertThat(count).as(model)
                .isEqualTo(manifest.path("models").path(model).path("count").asText()));
        assertThat(access).allSatisfy((model, may) -> assertThat(may).as(model).isEqualTo("yes"));
        // every model the version's mapping reads: the bundle's ten, pos.order (point_of_sale is installed there),
        // stock.warehouse.orderpoint and stock.location (the reorder-point audit check)
        assertThat(mapped).hasSize(13).containsKeys("pos.order", "stock.warehouse.orderpoint", "stock.location")
                .allSatisfy((model, found) -> assertThat(found).as(model).isEqualTo("all present in fields_get"));
        assertThat(run.out).contains("[lights up]   sales").doesNotContain("[unavailable]");
    }

    private static JsonNode manifest(String version) throws IOException {
        try (InputStream in = JarCommandsIT.class.getResourceAsStream(
                "/odoo-contract/" + version + "/dataset/manifest.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    private static Run java(String... args) throws Exception {
        Path jar;
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            jar = files.filter(f -> f.getFileName().toString().matches("odoo-pulse-.*\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no target/odoo-pulse-*.jar: run mvn package"));
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        Path err = Files.createTempFile("jar-command", ".err");
        Process process = new ProcessBuilder(command).redirectError(err.toFile()).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).isTrue();
        return new Run(process.exitValue(), out, Files.readString(err));
    }

    private record Run(int status, String out, String err) {
    }
}
