package io.odoopulse.demo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.springframework.web.util.HtmlUtils;

/** Renders the latest snapshot of each tenant as KPI cards: one block per window, one row per currency. */
final class CardsPage {

    private CardsPage() {
    }

    static String render(List<JsonNode> snapshots) {
        StringBuilder html = new StringBuilder("""
                <!DOCTYPE html><html><head><meta charset="utf-8"><meta http-equiv="refresh" content="10">
                <title>Nerve Centre (built-in)</title><style>
                body{font-family:system-ui,sans-serif;margin:2rem;background:#f6f7f9;color:#222}
                .tenant{margin-bottom:2rem}.windows{display:flex;gap:1rem;flex-wrap:wrap}
                .card{background:#fff;border-radius:8px;padding:1rem 1.25rem;box-shadow:0 1px 3px #0002;min-width:18rem}
                table{border-collapse:collapse;width:100%}td,th{padding:.25rem .5rem;text-align:right}
                th:first-child,td:first-child{text-align:left}.muted{color:#777;font-size:.85rem}
                </style></head><body><h1>Nerve Centre <span class="muted">built-in receiver</span></h1>
                """);
        if (snapshots.isEmpty()) {
            html.append("<p>No snapshot received yet; the first scheduled pull pushes one.</p>");
        }
        for (JsonNode snapshot : snapshots) {
            html.append("<div class=\"tenant\"><h2>").append(esc(snapshot.path("tenantName").asText()))
                    .append(" <span class=\"muted\">").append(esc(snapshot.path("source").asText()))
                    .append(" &middot; as of ").append(esc(snapshot.path("asOf").asText()))
                    .append(" &middot; generated ").append(esc(snapshot.path("generatedAt").asText()))
                    .append("</span></h2><div class=\"windows\">");
            windows(snapshot).forEach((window, rows) -> {
                html.append("<div class=\"card\"><h3>Last ").append(esc(window.replace("d", " days")))
                        .append("</h3><table><tr><th>Currency</th><th>Revenue</th><th>Orders</th><th>AOV</th></tr>");
                rows.forEach((currency, row) -> html.append("<tr><td>").append(esc(currency)).append("</td><td>")
                        .append(esc(row.get("revenue"))).append("</td><td>").append(esc(row.get("orders")))
                        .append("</td><td>").append(esc(row.get("aov"))).append("</td></tr>"));
                html.append("</table></div>");
            });
            html.append("</div></div>");
        }
        return html.append("</body></html>").toString();
    }

    /** window -> currency -> card id -> value, in the order the cards came. */
    private static Map<String, Map<String, Map<String, String>>> windows(JsonNode snapshot) {
        Map<String, Map<String, Map<String, String>>> windows = new LinkedHashMap<>();
        for (JsonNode card : snapshot.path("cards")) {
            windows.computeIfAbsent(card.path("window").asText(), w -> new LinkedHashMap<>())
                    .computeIfAbsent(card.path("currency").asText(), c -> new LinkedHashMap<>())
                    .put(card.path("id").asText(), card.path("value").isNull() ? "n/a" : card.path("value").asText());
        }
        return windows;
    }

    private static String esc(String text) {
        return HtmlUtils.htmlEscape(text == null ? "" : text);
    }
}
