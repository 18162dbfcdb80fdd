package io.odoopulse.retention;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * Masks personal data in a dead letter's payload: the value of every field named personal, at any depth (a
 * many2one {@code [id, "name"]} keeps its id), and the key and label of a snapshot's per-customer breakdowns.
 * What is not JSON cannot be read field by field, so it is replaced whole.
 */
final class PersonalData {

    static final String MASK = "*****";

    private final Set<String> fields;
    private final ObjectMapper json;

    PersonalData(Set<String> fields, ObjectMapper json) {
        this.fields = fields;
        this.json = json;
    }

    String mask(String payload) {
        if (payload == null || payload.isBlank()) {
            return payload;
        }
        JsonNode tree;
        try {
            tree = json.readTree(payload);
        } catch (JsonProcessingException notJson) {
            return MASK + " (not JSON: purged whole)";
        }
        if (tree == null || tree.isValueNode()) {
            return tree != null && tree.isTextual() ? MASK + " (not JSON: purged whole)" : payload;
        }
        walk(tree);
        try {
            return json.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void walk(JsonNode node) {
        if (node instanceof ObjectNode object) {
            boolean customerPart = "customer".equals(object.path("dimension").asText(null));
            Iterator<Map.Entry<String, JsonNode>> entries = object.fields();
            while (entries.hasNext()) {
                Map.Entry<String, JsonNode> entry = entries.next();
                String name = entry.getKey();
                if (fields.contains(name) || customerPart && (name.equals("key") || name.equals("label"))) {
                    entry.setValue(masked(entry.getValue()));
                } else {
                    walk(entry.getValue());
                }
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(this::walk);
        }
    }

    private static JsonNode masked(JsonNode value) {
        if (value.isNull() || value.isBoolean() && !value.asBoolean()) {
            return value; // Odoo's "not set"
        }
        if (value.isArray() && value.size() == 2 && value.get(0).isNumber()) {
            ArrayNode many2one = ((ArrayNode) value).deepCopy();
            many2one.set(1, TextNode.valueOf(MASK));
            return many2one;
        }
        return TextNode.valueOf(MASK);
    }
}
