package io.odoopulse.console;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Masks personal data in a dead letter's payload (an Odoo record) for viewers: names, e-mails, phones, addresses,
 * tax ids, and the display names Odoo puts beside a partner's id ({@code partner_id: [7, "Deco Addict"]}). Ids stay,
 * so that a viewer can still tell records apart; operators see the payload as stored.
 */
final class PersonalFields {

    static final String MASK = "•••";
    private static final Set<String> FIELDS = Set.of("name", "display_name", "email", "email_from", "email_normalized",
            "phone", "mobile", "phone_sanitized", "street", "street2", "city", "zip", "vat", "contact_address",
            "complete_name", "commercial_company_name", "company_registry", "website", "login", "ref",
            "client_order_ref", "comment", "note", "function", "title", "bank_account_id", "acc_number", "iban");
    /** Fields that point at a person or an address, whatever the model: partner_id, partner_shipping_id, user_id... */
    private static final Pattern PERSON_LINK = Pattern.compile(".*(partner|customer|contact|user|salesman|email|"
            + "phone|mobile|address).*");

    private PersonalFields() {
    }

    static String mask(String payload, ObjectMapper json) {
        if (payload == null || payload.isBlank()) {
            return payload;
        }
        try {
            JsonNode tree = json.readTree(payload);
            return json.writeValueAsString(mask(tree));
        } catch (Exception notJson) {
            // Not a record (e.g. a snapshot's text): nothing to recognise fields in, so nothing is shown.
            return MASK;
        }
    }

    private static JsonNode mask(JsonNode node) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String key = field.getKey().toLowerCase();
                JsonNode value = field.getValue();
                if (FIELDS.contains(key) || PERSON_LINK.matcher(key).matches()) {
                    field.setValue(masked(value));
                } else {
                    mask(value);
                }
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(PersonalFields::mask);
        }
        return node;
    }

    /** Text becomes the mask; a many2one [id, "display name"] keeps its id; numbers and booleans stay. */
    private static JsonNode masked(JsonNode value) {
        if (value.isTextual()) {
            return com.fasterxml.jackson.databind.node.TextNode.valueOf(MASK);
        }
        if (value instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i).isTextual() || array.get(i).isContainerNode()) {
                    array.set(i, masked(array.get(i)));
                }
            }
            return array;
        }
        if (value instanceof ObjectNode object) {
            object.properties().forEach(entry -> entry.setValue(masked(entry.getValue())));
            return object;
        }
        return value;
    }
}
