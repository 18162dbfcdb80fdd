package io.odoopulse.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Records exported from a real Odoo (src/test/resources/odoo-contract/<version>/dataset), as its API returned them. */
public final class RecordedDataset {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private RecordedDataset() {
    }

    public static List<Map<String, Object>> records(String version, String model) {
        String resource = "/odoo-contract/" + version + "/dataset/" + model + ".jsonl.gz";
        try (InputStream raw = RecordedDataset.class.getResourceAsStream(resource)) {
            if (raw == null) {
                throw new IllegalArgumentException("no recorded dataset " + resource);
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(new GZIPInputStream(raw),
                    StandardCharsets.UTF_8));
            List<Map<String, Object>> records = new ArrayList<>();
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                records.add(JSON.readValue(line, new TypeReference<>() {}));
            }
            return records;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Map<String, Object> record(String version, String model, long id) {
        return records(version, model).stream()
                .filter(r -> ((Number) r.get("id")).longValue() == id)
                .findFirst().orElseThrow();
    }
}
