package io.odoopulse.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.springframework.web.util.HtmlUtils;

/**
 * What a Nerve Centre user sees of each tenant's latest snapshot, rendered generically from the pushed JSON (so cards
 * and audit checks added later show without changes here): a window switch (T, 24H, 7D, 30D, 90D), hero tiles, then
 * standard cards, then cross-channel ones, each with its sentiment colour, vsP, its company breakdown and a chart of
 * its daily series; the alerts with their severity, the audit checklist (the Odoo audit profile's checks), the
 * parity audit and each model's freshness. Every figure is
 * in the HTML; the few lines of script only switch windows and draw the charts as inline SVG (no library, no CDN).
 */
final class CardsPage {

    private static final List<String> WINDOWS = List.of("t", "24h", "7d", "30d", "90d");
    private static final Map<String, String> WINDOW_TITLES = Map.of("t", "Today", "24h", "Last 24 hours",
            "7d", "Last 7 days", "30d", "Last 30 days", "90d", "Last 90 days");
    private static final List<String> TIERS = List.of("hero", "standard", "cross-channel");
    private static final Map<String, String> TIER_TITLES = Map.of("hero", "Hero", "standard", "Standard",
            "cross-channel", "Cross-channel");

    private CardsPage() {
    }

    static String render(List<JsonNode> snapshots) {
        StringBuilder html = new StringBuilder("""
                <!DOCTYPE html><html><head><meta charset="utf-8">
                <title>Nerve Centre (built-in)</title><style>
                body{font-family:system-ui,sans-serif;margin:1.5rem 2rem;background:#f4f5f7;color:#1f2328}
                h1{font-size:1.4rem}h2{font-size:1.2rem;margin-bottom:.25rem}h3{margin:1.25rem 0 .5rem;font-size:1rem;
                text-transform:uppercase;letter-spacing:.05em;color:#57606a}.muted{color:#6e7781;font-size:.85rem}
                .switch button{border:1px solid #d0d7de;background:#fff;padding:.35rem .8rem;cursor:pointer;
                font-weight:600}.switch button.on{background:#1f2328;color:#fff}
                .grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(15rem,1fr));gap:.75rem}
                .hero .grid{grid-template-columns:repeat(auto-fill,minmax(19rem,1fr))}
                .tile{background:#fff;border-radius:8px;padding:.75rem 1rem;box-shadow:0 1px 3px #0002;
                border-top:4px solid #d0d7de}.tile.POSITIVE{border-top-color:#1a7f37}
                .tile.NEGATIVE{border-top-color:#cf222e}.hero .tile .value{font-size:1.8rem}
                .value{font-size:1.35rem;font-weight:700;margin:.2rem 0}.POSITIVE .trend{color:#1a7f37}
                .NEGATIVE .trend{color:#cf222e}.tile table{font-size:.8rem;width:100%;border-collapse:collapse}
                .tile td{padding:0 .25rem}.tile td:last-child{text-align:right}svg.chart{width:100%;height:42px}
                .alert{background:#fff;border-left:4px solid #8c959f;padding:.4rem .8rem;margin:.3rem 0}
                .sev-critical{border-left-color:#a40e26}.sev-high{border-left-color:#cf222e}
                .sev-medium{border-left-color:#bf8700}.sev-low{border-left-color:#0969da}
                .badge{font-size:.7rem;font-weight:700;text-transform:uppercase;padding:.05rem .4rem;border-radius:4px;
                background:#eaeef2;margin-right:.4rem}table.list{border-collapse:collapse;background:#fff}
                table.list td,table.list th{padding:.25rem .6rem;border-bottom:1px solid #eaeef2;text-align:left}
                .ok{color:#1a7f37}.bad{color:#cf222e}
                </style></head><body><h1>Nerve Centre <span class="muted">built-in receiver</span></h1>
                """);
        if (snapshots.isEmpty()) {
            html.append("<p>No snapshot received yet; the first scheduled pull pushes one.</p>");
        }
        for (JsonNode snapshot : snapshots) {
            tenant(html, snapshot);
        }
        return html.append(SCRIPT).append("</body></html>").toString();
    }

    private static void tenant(StringBuilder html, JsonNode snapshot) {
        html.append("<section class=\"tenant\" data-tenant=\"").append(esc(snapshot.path("tenant").asText()))
                .append("\" data-generated=\"").append(esc(snapshot.path("generatedAt").asText())).append("\"><h2>")
                .append(esc(snapshot.path("tenantName").asText())).append("</h2><p class=\"muted\">")
                .append(esc(snapshot.path("source").asText())).append(" &middot; as of ")
                .append(esc(snapshot.path("asOf").asText())).append(" &middot; generated ")
                .append(esc(snapshot.path("generatedAt").asText())).append(" &middot; ")
                .append(esc(snapshot.path("timezone").asText())).append("</p><div class=\"switch\">");
        for (String w : WINDOWS) {
            html.append("<button type=\"button\" data-window=\"").append(w).append("\" title=\"")
                    .append(WINDOW_TITLES.get(w)).append("\">").append(w.toUpperCase(Locale.ROOT))
                    .append("</button>");
        }
        html.append("</div>");
        if (!snapshot.path("summary").asText("").isEmpty()) {
            html.append("<p>").append(esc(snapshot.path("summary").asText())).append("</p>");
        }
        for (JsonNode missing : snapshot.path("unavailable")) {
            html.append("<p class=\"muted\">Unavailable: ").append(esc(missing.path("section").asText()))
                    .append(" &middot; ").append(esc(missing.path("reason").asText())).append("</p>");
        }
        alerts(html, snapshot.path("alerts"));
        Map<String, Map<String, List<JsonNode>>> tiles = tiles(snapshot);
        for (String tier : TIERS) {
            Map<String, List<JsonNode>> group = tiles.get(tier);
            if (group == null) {
                continue;
            }
            html.append("<div class=\"").append(tier).append("\"><h3>").append(TIER_TITLES.get(tier))
                    .append("</h3><div class=\"grid\">");
            group.values().forEach(cards -> tile(html, cards));
            html.append("</div></div>");
        }
        checks(html, snapshot);
        audit(html, snapshot.path("audit"));
        freshness(html, snapshot.path("freshness"));
        html.append("</section>");
    }

    /** One tile per card id and currency: each window's figure (one shown at a time), or the one undated figure. */
    private static void tile(StringBuilder html, List<JsonNode> cards) {
        JsonNode first = cards.get(0);
        JsonNode series = cards.stream().map(c -> c.path("series")).filter(JsonNode::isArray).findFirst()
                .orElse(null);
        html.append("<div class=\"tile\" data-card=\"").append(esc(first.path("id").asText())).append("\" data-currency=\"")
                .append(esc(text(first.path("currency"), ""))).append("\"><div><strong>")
                .append(esc(first.path("title").asText(first.path("id").asText()))).append("</strong> <span class=\"muted\">")
                .append(esc(text(first.path("currency"), ""))).append("</span></div>");
        for (JsonNode card : cards) {
            boolean windowed = WINDOWS.contains(card.path("window").asText());
            html.append("<div class=\"figure ").append(esc(card.path("sentiment").asText())).append("\"")
                    .append(windowed ? " data-window-of=\"" + esc(card.path("window").asText()) + "\"" : "")
                    .append(" data-sentiment=\"").append(esc(card.path("sentiment").asText())).append("\">")
                    .append("<div class=\"value\">").append(text(card.path("value"), "n/a")).append("</div>")
                    .append("<div class=\"muted\">");
            if (windowed) {
                html.append(esc(card.path("windowCode").asText(card.path("window").asText()))).append(" vsP ")
                        .append(text(card.path("previousValue"), "n/a")).append(" <span class=\"trend\">")
                        .append(card.path("trend").isNull() || card.path("trend").isMissingNode() ? ""
                                : esc(card.path("trend").asText()) + "%").append("</span>");
            } else {
                html.append(esc(card.path("window").asText()));
            }
            html.append("</div>");
            if (card.path("stale").isObject()) {
                html.append("<div class=\"muted bad\">stale since ").append(esc(card.path("stale").path("since")
                        .asText())).append("</div>");
            }
            List<JsonNode> companies = new ArrayList<>();
            card.path("breakdowns").forEach(b -> {
                if ("company".equals(b.path("dimension").asText())) {
                    companies.add(b);
                }
            });
            if (!companies.isEmpty()) {
                html.append("<table>");
                for (JsonNode b : companies) {
                    html.append("<tr><td>").append(esc(b.path("label").asText())).append("</td><td>")
                            .append(text(b.path("value"), "n/a")).append("</td></tr>");
                }
                html.append("</table>");
            }
            html.append("</div>");
        }
        if (series != null) {
            html.append("<svg class=\"chart\" viewBox=\"0 0 300 42\" preserveAspectRatio=\"none\" data-series=\"")
                    .append(esc(series.toString())).append("\"><title>Daily, last 30 days</title></svg>");
        }
        html.append("</div>");
    }

    private static void alerts(StringBuilder html, JsonNode alerts) {
        if (!alerts.isArray() || alerts.isEmpty()) {
            return;
        }
        html.append("<h3>Alerts</h3>");
        for (JsonNode alert : alerts) {
            String severity = alert.path("severity").asText("info");
            html.append("<div class=\"alert sev-").append(esc(severity)).append("\" data-trace=\"")
                    .append(esc(alert.path("traceId").asText())).append("\"><span class=\"badge\">").append(esc(severity))
                    .append("</span><span class=\"badge\">").append(esc(alert.path("kind").asText()))
                    .append("</span>").append(esc(alert.path("why").asText()));
            if (alert.hasNonNull("baseline")) {
                html.append(" <span class=\"muted\">baseline ").append(text(alert.path("baseline"), ""))
                        .append(", delta ").append(text(alert.path("delta"), "")).append(alert.hasNonNull("deltaPercent")
                                ? " (" + esc(alert.path("deltaPercent").asText()) + "%)" : "").append("</span>");
            }
            html.append("</div>");
        }
    }

    /**
     * The Odoo audit profile's checks (cards of the {@code audit-} sections), one row each: a tick when the card's
     * sentiment is positive, a cross when negative; its figure (the 30D one for a windowed check) and the first
     * records it lists; and the sections whose app is not installed, as not checked.
     */
    private static void checks(StringBuilder html, JsonNode snapshot) {
        Map<String, JsonNode> checks = new LinkedHashMap<>();
        for (JsonNode card : snapshot.path("cards")) {
            String window = card.path("window").asText();
            if (card.path("section").asText().startsWith("audit-") && card.path("company").isNull()
                    && (!WINDOWS.contains(window) || window.equals("30d"))) {
                checks.put(card.path("id").asText() + "|" + text(card.path("currency"), ""), card);
            }
        }
        List<JsonNode> unavailable = new ArrayList<>();
        snapshot.path("unavailable").forEach(u -> {
            if (u.path("section").asText().startsWith("audit-")) {
                unavailable.add(u);
            }
        });
        if (checks.isEmpty() && unavailable.isEmpty()) {
            return;
        }
        html.append("<h3>Audit checklist</h3><table class=\"list checks\"><tr><th></th><th>Check</th><th>Finding</th>"
                + "<th>Records</th></tr>");
        for (JsonNode card : checks.values()) {
            String sentiment = card.path("sentiment").asText();
            String mark = "POSITIVE".equals(sentiment) ? "<td class=\"ok\">&#10003;" : "NEGATIVE".equals(sentiment)
                    ? "<td class=\"bad\">&#10007;" : "<td class=\"muted\">&#8226;";
            List<String> records = new ArrayList<>();
            card.path("breakdowns").forEach(b -> {
                String dimension = b.path("dimension").asText();
                if (records.size() < 5 && (dimension.contains(".") || dimension.equals("product"))) {
                    records.add(b.path("label").asText() + " (" + dimension + " " + b.path("key").asText() + ")");
                }
            });
            html.append("<tr class=\"check\" data-check=\"").append(esc(card.path("id").asText()))
                    .append("\" data-currency=\"").append(text(card.path("currency"), ""))
                    .append("\" data-sentiment=\"").append(esc(sentiment)).append("\">").append(mark)
                    .append("</td><td>").append(esc(card.path("title").asText())).append(" <span class=\"muted\">")
                    .append(esc(text(card.path("currency"), ""))).append("</span></td><td class=\"value\">")
                    .append(text(card.path("value"), "n/a")).append("</td><td class=\"muted\">")
                    .append(esc(String.join("; ", records))).append("</td></tr>");
        }
        for (JsonNode u : unavailable) {
            html.append("<tr class=\"check\" data-check=\"").append(esc(u.path("section").asText()))
                    .append("\"><td class=\"muted\">&ndash;</td><td>").append(esc(u.path("section").asText()))
                    .append("</td><td>not checked</td><td class=\"muted\">").append(esc(u.path("reason").asText()))
                    .append("</td></tr>");
        }
        html.append("</table>");
    }

    /** Each model's last parity audit (the store against Odoo's own figures): a tick when its result is OK. */
    private static void audit(StringBuilder html, JsonNode audit) {
        if (!audit.isArray() || audit.isEmpty()) {
            return;
        }
        html.append("<h3>Parity audit</h3><table class=\"list audit\">");
        for (JsonNode check : audit) {
            String name = check.path("check").asText(check.path("model").asText(check.path("id").asText()));
            String result = check.path("result").asText(check.path("status").asText());
            boolean ok = "OK".equalsIgnoreCase(result) || "PASS".equalsIgnoreCase(result);
            html.append("<tr><td class=\"").append(ok ? "ok" : "bad").append("\">").append(ok ? "&#10003;" : "&#10007;")
                    .append("</td><td>").append(esc(name)).append("</td><td>").append(esc(result)).append("</td><td class=\"muted\">")
                    .append(esc(check.path("detail").asText(""))).append("</td></tr>");
        }
        html.append("</table>");
    }

    private static void freshness(StringBuilder html, JsonNode freshness) {
        if (!freshness.isArray() || freshness.isEmpty()) {
            return;
        }
        html.append("<h3>Freshness</h3><table class=\"list freshness\"><tr><th>Model</th><th>Status</th>"
                + "<th>Last complete read</th><th>Lag</th></tr>");
        for (JsonNode model : freshness) {
            html.append("<tr><td>").append(esc(model.path("model").asText())).append("</td><td class=\"")
                    .append("OK".equals(model.path("status").asText()) ? "ok" : "bad").append("\">")
                    .append(esc(model.path("status").asText())).append("</td><td>").append(text(model.path("readAt"), "never"))
                    .append("</td><td>").append(model.hasNonNull("lagSeconds") ? esc(model.path("lagSeconds").asText())
                            + " s" : "").append("</td></tr>");
        }
        html.append("</table>");
    }

    /** tier -> (card id, currency) -> its cards in the order they came; without metadata (older pushes), by tier. */
    private static Map<String, Map<String, List<JsonNode>>> tiles(JsonNode snapshot) {
        Map<String, Map<String, List<JsonNode>>> tiers = new LinkedHashMap<>();
        for (JsonNode card : snapshot.path("cards")) {
            if (!card.path("company").isNull() && !card.path("company").isMissingNode()) {
                continue; // per-company figures are in the breakdowns
            }
            if (card.path("section").asText().startsWith("audit-")) {
                continue; // in the audit checklist
            }
            JsonNode meta = card.path("meta");
            String tier = meta.path("crossChannel").asBoolean(false)
                    || "CROSS_CHANNEL".equals(card.path("tier").asText()) ? "cross-channel"
                    : meta.hasNonNull("tier") ? meta.path("tier").asText()
                    : "HERO".equals(card.path("tier").asText("HERO")) ? "hero" : "standard";
            tiers.computeIfAbsent(TIERS.contains(tier) ? tier : "standard", t -> new LinkedHashMap<>())
                    .computeIfAbsent(card.path("id").asText() + "|" + text(card.path("currency"), ""),
                            k -> new ArrayList<>()).add(card);
        }
        return tiers;
    }

    private static String text(JsonNode value, String otherwise) {
        return value.isMissingNode() || value.isNull() ? otherwise : esc(value.asText());
    }

    private static String esc(String text) {
        return HtmlUtils.htmlEscape(text == null ? "" : text);
    }

    /**
     * Switches the shown window per tenant (kept across reloads in sessionStorage) and draws each series as a line;
     * reloads every 20 s unless the address says {@code ?refresh=0}.
     */
    private static final String SCRIPT = """
            <script>
            (function () {
              document.querySelectorAll('section.tenant').forEach(function (t) {
                var key = 'window:' + t.dataset.tenant;
                function show(w) {
                  sessionStorage.setItem(key, w);
                  t.dataset.window = w;
                  t.querySelectorAll('.switch button').forEach(function (b) {
                    b.classList.toggle('on', b.dataset.window === w);
                  });
                  t.querySelectorAll('[data-window-of]').forEach(function (e) {
                    e.hidden = e.dataset.windowOf !== w;
                  });
                  t.querySelectorAll('.tile').forEach(function (tile) {
                    var shown = tile.querySelector('.figure:not([hidden])');
                    tile.className = 'tile ' + (shown ? shown.dataset.sentiment : '');
                  });
                }
                t.querySelectorAll('.switch button').forEach(function (b) {
                  b.addEventListener('click', function () { show(b.dataset.window); });
                });
                show(sessionStorage.getItem(key) || '30d');
              });
              document.querySelectorAll('svg[data-series]').forEach(function (svg) {
                var points = JSON.parse(svg.dataset.series);
                var values = points.map(function (p) { return p.value === null ? null : Number(p.value); });
                var known = values.filter(function (v) { return v !== null; });
                if (!known.length) { return; }
                var min = Math.min.apply(null, known), max = Math.max.apply(null, known), span = (max - min) || 1;
                var step = 300 / Math.max(values.length - 1, 1), d = '', pen = 'M';
                values.forEach(function (v, i) {
                  if (v === null) { pen = 'M'; return; }
                  d += pen + (i * step).toFixed(1) + ' ' + (39 - (v - min) / span * 36).toFixed(1) + ' ';
                  pen = 'L';
                });
                var path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
                path.setAttribute('d', d.trim());
                path.setAttribute('fill', 'none');
                path.setAttribute('stroke', '#0969da');
                path.setAttribute('stroke-width', '1.5');
                path.setAttribute('vector-effect', 'non-scaling-stroke');
                svg.appendChild(path);
              });
              if (new URLSearchParams(location.search).get('refresh') !== '0') {
                setTimeout(function () { location.reload(); }, 20000);
              }
            })();
            </script>
            """;
}
