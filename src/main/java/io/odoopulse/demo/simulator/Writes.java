package io.odoopulse.demo.simulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** create / write / workflow buttons with the defaults and side effects clients observe. */
final class Writes {

    /** Required fields that have no default, per model (the ones a connector can forget). */
    private static final Map<String, List<String>> REQUIRED = Map.of(
            "sale.order", List.of("partner_id"),
            "sale.order.line", List.of("order_id"),
            "product.template", List.of("name"),
            "res.currency", List.of("name", "symbol"));

    private final OdooService service;
    private final OdooDatabase db;
    private final Env env;

    Writes(OdooService service, Env env) {
        this.service = service;
        this.db = service.db;
        this.env = env;
    }

    @SuppressWarnings("unchecked")
    Object create(String model, Object valsList) {
        boolean single = valsList instanceof Map<?, ?>;
        List<Map<String, Object>> list = new ArrayList<>();
        if (single) list.add((Map<String, Object>) valsList);
        else if (valsList instanceof List<?> l) for (Object o : l) list.add((Map<String, Object>) o);
        List<Integer> ids = db.writeLocked(() -> {
            long now = db.nextWriteMicros();
            List<Integer> out = new ArrayList<>();
            for (Map<String, Object> vals : list) out.add(createOne(model, vals, now));
            return out;
        });
        return single ? ids.get(0) : ids;
    }

    private int createOne(String model, Map<String, Object> given, long now) {
        Table t = db.requireTable(model);
        for (String f : given.keySet()) {
            if (!t.meta.has(f)) throw OdooException.valueError(service.orm.invalidField(f, model));
        }
        for (String f : REQUIRED.getOrDefault(model, List.of())) {
            if (!Py.truthy(given.get(f))) throw missingRequired(t, f);
        }
        Map<String, Object> vals = new LinkedHashMap<>(given);
        List<Object> lineCommands = null;
        if ("sale.order".equals(model)) {
            lineCommands = vals.remove("order_line") instanceof List<?> l ? new ArrayList<>(l) : null;
            saleOrderDefaults(t, vals, now);
        }
        int id = db.createLocked(model, vals, env.uid(), now);
        if (lineCommands != null) {
            List<Integer> lineIds = new ArrayList<>();
            for (Object cmd : lineCommands) {
                if (cmd instanceof List<?> c && c.size() == 3 && c.get(0) instanceof Number n && n.intValue() == 0
                        && c.get(2) instanceof Map<?, ?> lv && db.hasModel("sale.order.line")) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> line = new LinkedHashMap<>((Map<String, Object>) lv);
                    line.put("order_id", id);
                    lineIds.add(db.createLocked("sale.order.line", line, env.uid(), now));
                }
            }
            db.writeLockedInternal(model, List.of(id), Map.of("order_line", lineIds), env.uid(), now);
        }
        return id;
    }

    private void saleOrderDefaults(Table t, Map<String, Object> vals, long now) {
        int next = t.nextId();
        vals.putIfAbsent("name", String.format("S%05d", next));
        vals.putIfAbsent("state", "draft");
        vals.putIfAbsent("date_order", Times.format(now));
        int company = env.company();
        vals.putIfAbsent("company_id", company);
        if (!vals.containsKey("currency_id")) {
            Table companies = db.table("res.company");
            Object[] row = companies == null ? null : companies.row(company);
            if (row != null && companies.raw(row, "currency_id") != null) vals.put("currency_id", companies.raw(row, "currency_id"));
        }
        for (String f : List.of("amount_untaxed", "amount_tax", "amount_total")) vals.putIfAbsent(f, 0.0);
        vals.putIfAbsent("invoice_status", "no");
        if (lockedIsAField()) vals.putIfAbsent("locked", false);
        vals.putIfAbsent("user_id", env.uid());
        if (vals.get("partner_id") instanceof Number p) {
            vals.putIfAbsent("partner_invoice_id", p);
            vals.putIfAbsent("partner_shipping_id", p);
        }
    }

    private OdooException missingRequired(Table t, String field) {
        String desc = AccessMessages.description(t.model);
        String label = t.meta.label(field);
        String msg = service.flavour.atLeast(OdooFlavour.V19)
                ? "The operation cannot be completed: Missing required value for the field '" + label + "' (" + field
                + ").\nModel: '" + desc + "' (" + t.model + ")\n- create/update: a mandatory field is not set\n"
                + "- delete: another model requires the record being deleted, you can archive it instead\n"
                : "The operation cannot be completed:\n- Create/update: a mandatory field is not set.\n"
                + "- Delete: another model requires the record being deleted. If possible, archive it instead.\n\n"
                + "Model: " + desc + " (" + t.model + ")\nField: " + label + " (" + field + ")\n";
        return new OdooException("odoo.exceptions.ValidationError", msg, List.of(msg),
                Tracebacks.frame("odoo/service/model.py", 190, "retrying", "raise ValidationError(msg) from e"));
    }

    void write(String model, List<Integer> ids, Map<String, Object> vals) {
        Table t = db.readLocked(() -> db.requireTable(model));
        for (String f : vals.keySet()) {
            if (!t.meta.has(f)) throw OdooException.valueError(service.orm.invalidField(f, model));
        }
        db.writeLocked(() -> {
            db.writeLockedInternal(model, ids, vals, env.uid(), db.nextWriteMicros());
            return null;
        });
    }

    private boolean lockedIsAField() {
        Table orders = db.table("sale.order");
        return orders != null && orders.meta.has("locked");
    }

    /** Workflow buttons; null when the model has no such public method. */
    Object action(String model, String method, List<Object> args, Map<String, Object> kwargs) {
        if (!"sale.order".equals(model)) return null;
        List<Integer> ids = args.isEmpty() ? List.of() : Domain.ids(args.get(0));
        return switch (method) {
            // 16 locks by moving the order to state 'done'; 17 replaced that with the locked flag
            case "action_unlock" -> {
                write(model, ids, lockedIsAField() ? Map.of("locked", false) : Map.of("state", "sale"));
                yield OdooService.NONE;
            }
            case "action_done" -> {
                if (lockedIsAField()) yield null;
                write(model, ids, Map.of("state", "done"));
                yield OdooService.NONE;
            }
            case "action_lock" -> {
                if (!lockedIsAField()) yield null;
                write(model, ids, Map.of("locked", true));
                yield OdooService.NONE;
            }
            case "action_confirm" -> {
                write(model, ids, Map.of("state", "sale"));
                yield true;
            }
            case "action_cancel" -> {
                write(model, ids, Map.of("state", "cancel"));
                yield true;
            }
            case "action_draft" -> {
                write(model, ids, Map.of("state", "draft"));
                yield true;
            }
            case "action_quotation_sent" -> {
                write(model, ids, Map.of("state", "sent"));
                yield true;
            }
            default -> null;
        };
    }
}
