package io.odoopulse.demo.simulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Odoo 16's field definitions for a generated model whose real 16.0 fields_get was not recorded (the recorded ones,
 * {@link ServerMeta}, come first), derived from 17's by undoing the 16-to-17 changes a connector can see:
 * <ul>
 *   <li>sale.order / sale.order.line {@code state} still offers {@code ('done', 'Locked')}; 17 replaced that state
 *   with the boolean {@code locked}, which 16 does not have.</li>
 *   <li>stock.move counts what was processed in {@code quantity_done}; 17 renamed it {@code quantity} and added
 *   {@code picked}.</li>
 * </ul>
 * product.template keeps {@code detailed_type} (added in 15, dropped in 18), as 17's metadata already has it.
 */
final class Odoo16Fields {

    private Odoo16Fields() {}

    /** Fields 16 has that 17 lacks, per model: the generator must give them a column. */
    static List<String> added(String model) {
        return "stock.move".equals(model) ? List.of("quantity_done") : List.of();
    }

    static ModelMeta adapt(ModelMeta meta17) {
        Map<String, Map<String, Object>> f = new TreeMap<>(meta17.fields);
        switch (meta17.model) {
            case "sale.order" -> {
                f.put("state", withLockedState(f.get("state")));
                f.remove("locked");
            }
            case "sale.order.line" -> f.put("state", withLockedState(f.get("state")));
            case "stock.move" -> {
                Map<String, Object> done = new LinkedHashMap<>(f.get("quantity"));
                done.put("string", "Quantity Done");
                f.put("quantity_done", done);
                f.remove("quantity");
                f.remove("picked");
            }
            default -> {
                return meta17;
            }
        }
        return new ModelMeta(meta17.model, f);
    }

    private static Map<String, Object> withLockedState(Map<String, Object> state17) {
        Map<String, Object> s = new LinkedHashMap<>(state17);
        List<Object> selection = new ArrayList<>((List<?>) state17.get("selection"));
        selection.add(selection.size() - 1, List.of("done", "Locked")); // before 'cancel', as 16 orders it
        s.put("selection", selection);
        return s;
    }
}
