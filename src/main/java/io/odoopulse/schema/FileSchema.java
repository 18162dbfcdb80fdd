package io.odoopulse.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.NonValidationKeyword;

/**
 * The JSON Schema of one kind of file (schema/*.schema.json, also on the classpath), declared once: it validates
 * the file, gives the defaults of absent keys and documents every key (docs/tenant-bundle.md is generated from it).
 * Validation runs over the Jackson tree of the YAML text; each error is reported at its key's line and column.
 */
public final class FileSchema {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static final FileSchema TENANT_BUNDLE = load("tenant-bundle.schema.json");
    public static final FileSchema MAPPING = load("mapping.schema.json");

    /** Extension keyword: the application property whose value is the default, when the schema's is only typical. */
    public static final String DEFAULT_FROM = "x-default-from";
    /** Extension keyword: what a value matching the key's pattern is, in words, for the error message. */
    public static final String FORMAT_HINT = "x-format-hint";
    /** Extension keyword: why a key must not be empty, for the error message. */
    public static final String EMPTY_HINT = "x-empty-hint";

    private final String name;
    private final JsonNode root;
    private final Schema schema;

    private FileSchema(String name, JsonNode root) {
        this.name = name;
        this.root = root;
        // Draft 7 (what editors' YAML language servers know best), plus this project's annotations.
        Dialect dialect = Dialect.builder(Dialects.getDraft7())
                .keyword(new NonValidationKeyword(DEFAULT_FROM))
                .keyword(new NonValidationKeyword(FORMAT_HINT))
                .keyword(new NonValidationKeyword(EMPTY_HINT))
                .build();
        this.schema = SchemaRegistry.withDialect(dialect).getSchema(root);
    }

    private static FileSchema load(String name) {
        try (InputStream in = FileSchema.class.getResourceAsStream("/schema/" + name)) {
            if (in == null) {
                throw new IllegalStateException("schema/" + name + " is not on the classpath");
            }
            return new FileSchema(name, JSON.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String name() {
        return name;
    }

    /** The schema document itself (for the generated docs). */
    public JsonNode root() {
        return root;
    }

    /** @return every problem of the file's tree, in the order of the file */
    public List<Problem> check(YamlSource source) {
        return check(source, source.tree());
    }

    /** @param tree the file's tree as the loader will bind it (placeholders resolved) */
    public List<Problem> check(YamlSource source, JsonNode tree) {
        List<Problem> problems = new ArrayList<>();
        for (Error error : schema.validate(tree)) {
            problems.add(describe(source, error));
        }
        problems.sort(Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column));
        return problems.stream().distinct().toList();
    }

    private Problem describe(YamlSource source, Error error) {
        List<String> path = new ArrayList<>();
        for (int i = 0; i < error.getInstanceLocation().getNameCount(); i++) {
            path.add(String.valueOf(error.getInstanceLocation().getElement(i)));
        }
        String key = String.join(".", path);
        JsonNode rule = error.getSchemaNode();
        JsonNode value = error.getInstanceNode();
        String property = error.getProperty();
        return switch (error.getKeyword()) {
            case "additionalProperties" -> {
                List<String> at = new ArrayList<>(path);
                at.add(property);
                JsonNode properties = schemaAt(path).map(s -> s.path("properties")).orElse(JSON.nullNode());
                TreeSet<String> allowed = new TreeSet<>();
                properties.fieldNames().forEachRemaining(allowed::add);
                yield source.at(at, "unknown key '" + property + "'" + (key.isEmpty() ? "" : " in '" + key + "'")
                        + (allowed.isEmpty() ? "" : " (allowed: " + String.join(", ", allowed) + ")"));
            }
            case "required" -> source.at(path, "missing required key '" + (key.isEmpty() ? "" : key + ".")
                    + property + "'");
            case "type" -> source.atValue(path, "key '" + key + "': " + show(value) + " is not "
                    + article(schemaAt(path).map(s -> s.path("type")).orElse(rule)));
            case "minimum", "maximum" -> {
                JsonNode at = schemaAt(path).orElse(JSON.nullNode());
                String bounds = !at.has("maximum") ? (at.get("minimum").asDouble() == 0 ? "must not be negative"
                        : "is below " + at.get("minimum").asText())
                        : "is outside " + at.path("minimum").asText() + ".." + at.get("maximum").asText();
                yield source.atValue(path, "key '" + key + "': " + value.asText() + " " + bounds);
            }
            case "enum" -> source.atValue(path, "key '" + key + "': " + show(value) + " is not one of "
                    + join(schemaAt(path).map(s -> s.path("enum")).orElse(rule)));
            case "pattern" -> source.atValue(path, "key '" + key + "': " + show(value) + " is not "
                    + schemaAt(path).map(s -> s.path(FORMAT_HINT).asText()).filter(d -> !d.isEmpty())
                    .orElse("valid (" + error.getMessage() + ")"));
            case "minItems", "minLength", "minProperties" -> source.atValue(path, "key '" + key + "': must not be "
                    + "empty" + schemaAt(path).map(r -> r.path(EMPTY_HINT).asText()).filter(h -> !h.isEmpty())
                    .map(h -> " (" + h + ")").orElse(""));
            default -> source.atValue(path, (key.isEmpty() ? "" : "key '" + key + "': ")
                    + error.getMessage().replaceFirst("^\\$[^:]*: ", ""));
        };
    }

    private static String show(JsonNode value) {
        if (value == null) {
            return "nothing";
        }
        if (value.isTextual()) {
            return "'" + value.asText() + "'";
        }
        if (value.isObject()) {
            return "a mapping";
        }
        if (value.isArray()) {
            return "a list";
        }
        return value.isNull() ? "an empty value" : value.asText();
    }

    private static String article(JsonNode type) {
        List<String> names = new ArrayList<>();
        if (type.isArray()) {
            type.forEach(t -> names.add(t.asText()));
        } else {
            names.add(type.asText());
        }
        return String.join(" or ", names.stream().map(t -> switch (t) {
            case "integer" -> "a whole number";
            case "number" -> "a number";
            case "boolean" -> "true or false";
            case "string" -> "a text";
            case "object" -> "a mapping (key: value lines)";
            case "array" -> "a list";
            default -> t;
        }).toList());
    }

    private static String join(JsonNode values) {
        List<String> names = new ArrayList<>();
        values.forEach(v -> names.add(v.asText()));
        return String.join(", ", names);
    }

    /** The subschema that governs {@code path} (through properties, additionalProperties, items and $ref). */
    public Optional<JsonNode> schemaAt(List<String> path) {
        JsonNode node = resolve(root);
        for (String step : path) {
            JsonNode next = node.path("properties").get(step);
            if (next == null && node.path("items").isObject()) {
                next = node.get("items");
            }
            if (next == null && node.path("additionalProperties").isObject()) {
                next = node.get("additionalProperties");
            }
            if (next == null) {
                return Optional.empty();
            }
            node = resolve(next);
        }
        return Optional.of(node);
    }

    private JsonNode resolve(JsonNode node) {
        if (node.has("$ref")) {
            String ref = node.get("$ref").asText();
            return resolve(root.at(ref.substring(1)));
        }
        return node;
    }

    /**
     * Fills every absent key that has a default with it, in the sections the file has and in those it lacks.
     *
     * @param fromConfig the value of an application property named by {@value #DEFAULT_FROM}, null when unset
     */
    public void applyDefaults(ObjectNode tree, Function<String, String> fromConfig) {
        applyDefaults(resolve(root), tree, fromConfig);
    }

    private void applyDefaults(JsonNode schemaNode, ObjectNode tree, Function<String, String> fromConfig) {
        Iterator<Map.Entry<String, JsonNode>> properties = schemaNode.path("properties").fields();
        while (properties.hasNext()) {
            Map.Entry<String, JsonNode> property = properties.next();
            JsonNode rule = resolve(property.getValue());
            JsonNode present = tree.get(property.getKey());
            if (rule.path("type").asText().equals("object") && rule.has("properties")) {
                if (present == null || present.isNull()) {
                    present = tree.putObject(property.getKey());
                }
                if (present instanceof ObjectNode section) {
                    applyDefaults(rule, section, fromConfig);
                }
            } else if ((present == null || present.isNull()) && rule.has(DEFAULT_FROM)) {
                // The property's value; unset, the key stays absent and the application applies its own default.
                String configured = fromConfig.apply(rule.get(DEFAULT_FROM).asText());
                if (configured != null) {
                    tree.set(property.getKey(), typed(rule, configured));
                }
            } else if ((present == null || present.isNull()) && rule.has("default")) {
                tree.set(property.getKey(), rule.get("default"));
            }
        }
    }

    /** A text (an application property, a resolved placeholder) as the value the schema expects there. */
    public static JsonNode typed(JsonNode rule, String text) {
        String type = rule.path("type").isArray() ? "" : rule.path("type").asText();
        try {
            return switch (type) {
                case "integer", "number" -> JSON.readTree(text.strip()).isNumber() ? JSON.readTree(text.strip())
                        : JSON.getNodeFactory().textNode(text);
                case "boolean" -> text.strip().equals("true") || text.strip().equals("false")
                        ? JSON.getNodeFactory().booleanNode(Boolean.parseBoolean(text.strip()))
                        : JSON.getNodeFactory().textNode(text);
                default -> JSON.getNodeFactory().textNode(text);
            };
        } catch (IOException notANumber) {
            return JSON.getNodeFactory().textNode(text);
        }
    }
}
