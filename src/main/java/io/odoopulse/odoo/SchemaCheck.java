package io.odoopulse.odoo;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.odoopulse.canonical.MappingFile;
import io.odoopulse.tenant.Tenant;

/**
 * At connect, every field the mapping reads must exist on the tenant's Odoo ({@code fields_get}); otherwise the pull
 * would fail record by record. A missing field names the model, field, tenant and mapping file. Fields Odoo shows
 * only to a group ({@link OdooProbe#GROUP_OF_FIELD}) are the exception: {@code fields_get} hides them from a user
 * outside it, and they are then left out of reads, their cards unavailable.
 */
final class SchemaCheck {

    private SchemaCheck() {
    }

    /** @return the group-restricted fields the user may not read, as {@code model.field} */
    static java.util.Set<String> verify(Tenant tenant, OdooClient client, MappingFile mapping,
                                        java.util.Set<String> absent) {
        java.util.Set<String> hidden = new java.util.TreeSet<>();
        for (String model : tenant.pull().models()) {
            if (absent.contains(model)) {
                continue;
            }
            List<String> needed = mapping.forModel(model).sourceFields().stream()
                    .filter(f -> !absent.contains(model + "." + f)).toList();
            JsonNode fields = client.fieldsGet(model, List.of("type"));
            needed.stream().filter(f -> !fields.has(f) && OdooProbe.GROUP_OF_FIELD.containsKey(model + "." + f))
                    .forEach(f -> hidden.add(model + "." + f));
            List<String> missing = needed.stream().filter(f -> !fields.has(f) && !hidden.contains(model + "." + f))
                    .toList();
            if (!missing.isEmpty()) {
                throw new OdooException("pulse.MissingField", "tenant " + tenant.id() + ": mapping " + mapping.file()
                        + " reads field" + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing) + " of "
                        + model + ", which the Odoo at " + tenant.odoo().url() + " does not have");
            }
        }
        return hidden;
    }
}
