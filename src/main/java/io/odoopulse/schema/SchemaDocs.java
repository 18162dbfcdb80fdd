package io.odoopulse.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The key table of a file kind, written from its schema so that the docs cannot drift from what is validated
 * (docs/tenant-bundle.md holds the tables between markers; SchemaDocsTest fails when they differ).
 */
public final class SchemaDocs {

    private SchemaDocs() {
    }

    /** A markdown table: key, type, default, description, example; one row per key, nested keys dotted. */
    public static String table(FileSchema schema) {
        List<String> rows = new ArrayList<>();
        rows.add("| key | type | default | what it is | example |");
        rows.add("|---|---|---|---|---|");
        walk(schema, schema.root(), "", rows, 0);
        return String.join("\n", rows) + "\n";
    }

    private static void walk(FileSchema schema, JsonNode node, String prefix, List<String> rows, int depth) {
        if (depth > 4) {
            return;
        }
        JsonNode resolved = resolve(schema, node);
        var properties = resolved.path("properties").fields();
        while (properties.hasNext()) {
            Map.Entry<String, JsonNode> property = properties.next();
            String key = prefix + property.getKey();
            JsonNode rule = resolve(schema, property.getValue());
            rows.add(row(key, rule, required(resolved, property.getKey())));
            walk(schema, rule, key + ".", rows, depth + 1);
            JsonNode extra = rule.path("additionalProperties");
            if (extra.isObject()) {
                JsonNode each = resolve(schema, extra);
                String name = key + ".<" + placeholder(property.getKey()) + ">";
                if (each.has("properties") || each.has("description")) {
                    rows.add(row(name, each, false));
                }
                walk(schema, each, name + ".", rows, depth + 1);
                if (each.path("items").isObject() && resolve(schema, each.get("items")) != each) {
                    walk(schema, each.get("items"), name + "[].", rows, depth + 1);
                }
            }
        }
    }

    private static String placeholder(String container) {
        return switch (container) {
            case "sentiment" -> "card";
            case "models" -> "model";
            case "fields" -> "field";
            case "when" -> "field";
            case "map" -> "value";
            default -> "name";
        };
    }

    private static boolean required(JsonNode parent, String key) {
        for (JsonNode name : parent.path("required")) {
            if (name.asText().equals(key)) {
                return true;
            }
        }
        return false;
    }

    private static String row(String key, JsonNode rule, boolean required) {
        String type = rule.path("type").isArray() ? String.join(" or ", texts(rule.path("type")))
                : rule.path("type").asText();
        if (rule.has("enum")) {
            type = String.join(" \\| ", texts(rule.get("enum")));
        }
        String range = rule.has("minimum") || rule.has("maximum")
                ? " " + rule.path("minimum").asText("") + ".." + rule.path("maximum").asText("") : "";
        String fallback = required ? "required"
                : rule.has(FileSchema.DEFAULT_FROM) ? "`" + rule.get(FileSchema.DEFAULT_FROM).asText() + "` ("
                + value(rule.get("default")) + ")"
                : rule.has("default") ? value(rule.get("default")) : "";
        String example = rule.path("examples").isArray() && !rule.path("examples").isEmpty()
                ? value(rule.path("examples").get(0)) : "";
        String description = rule.path("title").asText("");
        if (rule.has("description")) {
            description = (description.isEmpty() ? "" : description + ": ") + rule.get("description").asText();
        }
        return "| `" + key + "` | " + type + range + " | " + fallback + " | " + description.replace("|", "\\|")
                + " | " + example + " |";
    }

    private static String value(JsonNode value) {
        return "`" + (value.isTextual() ? value.asText() : value.toString()).replace("|", "\\|") + "`";
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(t -> texts.add(t.asText()));
        return texts;
    }

    private static JsonNode resolve(FileSchema schema, JsonNode node) {
        if (node.has("$ref")) {
            return resolve(schema, schema.root().at(node.get("$ref").asText().substring(1)));
        }
        return node;
    }
}
