package io.odoopulse.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operator's view of a running instance's actuator endpoints, over HTTP. The one place that knows how to reach
 * them: as the test viewer, by bearer token (health is open anyway; every other endpoint needs a role).
 */
public final class Actuator {

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    public Actuator(int port) {
        this.base = "http://127.0.0.1:" + port + "/actuator";
    }

    /** GET {@code /actuator/<path>}: status and body. */
    public HttpResponse<String> get(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(base + "/" + path))
                            .header("Authorization", "Bearer " + TestAccounts.VIEWER_TOKEN).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + base + "/" + path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The Prometheus exposition text. */
    public String scrape() {
        return get("prometheus").body();
    }

    /**
     * The value of one sample of a scrape, e.g. {@code sample(text, "pulse_store_records", "tenant=\"a\"",
     * "model=\"sale.order\"")}: the line of that metric whose labels include each given one.
     */
    public static OptionalDouble sample(String scrape, String metric, String... labels) {
        Pattern line = Pattern.compile("^" + Pattern.quote(metric) + "\\{([^}]*)\\} (\\S+)$", Pattern.MULTILINE);
        Matcher m = line.matcher(scrape);
        while (m.find()) {
            String found = m.group(1);
            boolean all = true;
            for (String label : labels) {
                all &= found.contains(label);
            }
            if (all) {
                return OptionalDouble.of(Double.parseDouble(m.group(2)));
            }
        }
        return OptionalDouble.empty();
    }
}
