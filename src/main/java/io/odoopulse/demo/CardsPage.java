package io.odoopulse.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.springframework.web.util.HtmlUtils;

/**
 * Renders the latest snapshot of each tenant: its summary and alerts, then the cards by tier (hero first), one table
 * per section with the value, previous period, trend and sentiment of each card.
 */
final class CardsPage {

    private static final List<String> TIERS = List.of("HERO", "NON_HERO", "CROSS_CHANNEL");
    private static final Map<String, String> TIER_TITLES = Map.of("HERO", "Headline", "NON_HERO", "Detail",
            "CROSS_CHANNEL", "Cross-channel");

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
                .POSITIVE{color:#15803d}.NEGATIVE{color:#b91c1c}.alert{background:#fef2f2;padding:.5rem 1rem}
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
                    .append("</span></h2>");
            if (!snapshot.path("summary").asText("").isEmpty()) {
                html.append("<p>").append(esc(snapshot.path("summary").asText())).append("</p>");
            }
            for (JsonNode missing : snapshot.path("unavailable")) {
                html.append("<p class=\"muted\">Unavailable: ").append(esc(missing.path("section").asText()))
                        .append(" &middot; ").append(esc(missing.path("reason").asText())).append("</p>");
            }
            for (JsonNode alert : snapshot.path("alerts")) {
                html.append("<p class=\"alert ").append(esc(alert.path("sentiment").asText())).append("\">")
                        .append(esc(alert.path("why").asText())).append(" (").append(text(alert.path("oldValue")))
                        .append(" &rarr; ").append(text(alert.path("newValue"))).append(")</p>");
            }
            Map<String, Map<String, List<JsonNode>>> tiers = tiers(snapshot);
            for (String tier : TIERS) {
                Map<String, List<JsonNode>> sections = tiers.get(tier);
                if (sections == null) {
                    continue;
                }
                html.append("<h3>").append(TIER_TITLES.get(tier)).append("</h3><div class=\"windows\">");
                sections.forEach((section, cards) -> {
                    html.append("<div class=\"card\"><h4>").append(esc(section)).append("</h4><table><tr><th>Card</th>"
                            + "<th>Window</th><th>Currency</th><th>Value</th><th>Previous</th><th>Trend</th></tr>");
                    for (JsonNode card : cards) {
                        String trend = card.path("trend").isMissingNode() || card.path("trend").isNull() ? ""
                                : card.path("trend").asText() + "%";
                        html.append("<tr class=\"").append(esc(card.path("sentiment").asText())).append("\"><td>")
                                .append(esc(card.path("title").asText(card.path("id").asText()))).append("</td><td>")
                                .append(esc(window(card.path("window").asText()))).append("</td><td>")
                                .append(esc(card.path("currency").isNull() ? "" : card.path("currency").asText()))
                                .append("</td><td>").append(text(card.path("value"))).append("</td><td>")
                                .append(text(card.path("previousValue"))).append("</td><td>").append(esc(trend))
                                .append("</td></tr>");
                    }
                    html.append("</table></div>");
                });
                html.append("</div>");
            }
            html.append("</div>");
        }
        return html.append("</body></html>").toString();
    }

    /** tier -> section -> cards, in the order the cards came; a card without tier (older pushes) is a hero. */
    private static Map<String, Map<String, List<JsonNode>>> tiers(JsonNode snapshot) {
        Map<String, Map<String, List<JsonNode>>> tiers = new LinkedHashMap<>();
        for (JsonNode card : snapshot.path("cards")) {
            String tier = card.path("tier").asText("HERO");
            tiers.computeIfAbsent(TIERS.contains(tier) ? tier : "HERO", t -> new LinkedHashMap<>())
                    .computeIfAbsent(card.path("section").asText("sales"), s -> new ArrayList<>()).add(card);
        }
        return tiers;
    }

    /** "Last 7 days" for a window of days; "now" and "lifetime" as they are. */
    private static String window(String window) {
        return window.matches("\\d+d") ? "Last " + window.replace("d", " days") : window;
    }

    private static String text(JsonNode value) {
        return value.isMissingNode() || value.isNull() ? "n/a" : esc(value.asText());
    }

    private static String esc(String text) {
        return HtmlUtils.htmlEscape(text == null ? "" : text);
    }
}
