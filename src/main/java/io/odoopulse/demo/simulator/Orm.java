package io.odoopulse.demo.simulator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/** ORM behaviour of the model methods (search, read, fields_get ...) over {@link OdooDatabase}. */
final class Orm {

    /** Default _order of the models the simulator knows, as declared in Odoo's source. */
    private static final Map<String, String> DEFAULT_ORDER = Map.ofEntries(
            Map.entry("sale.order", "date_order desc, id desc"),
            Map.entry("sale.order.line", "order_id, sequence, id"),
            Map.entry("res.partner", "complete_name asc, id desc"),
            Map.entry("res.company", "sequence, name"),
            Map.entry("res.currency", "active desc, name"),
            Map.entry("res.currency.rate", "name desc"),
            Map.entry("product.product", "priority desc, default_code, name, id"),
            Map.entry("product.template", "priority desc, name"),
            Map.entry("product.category", "complete_name"),
            Map.entry("account.move", "date desc, name desc, id desc"),
            Map.entry("account.move.line", "date desc, move_name desc, id"),
            Map.entry("account.payment", "date desc, name desc"),
            Map.entry("account.journal", "sequence, type, code"),
            Map.entry("stock.move", "sequence, id"),
            Map.entry("stock.location", "complete_name, id"),
            Map.entry("stock.warehouse", "sequence,id"),
            Map.entry("pos.order", "id desc"),
            Map.entry("stock.warehouse.orderpoint", "location_id,company_id,id"));

    /** Where 16's _order differs: partners sort by their stored display_name (17 added complete_name). */
    private static final Map<String, String> DEFAULT_ORDER_16 = Map.of("res.partner", "display_name ASC, id DESC");

    /** The 16x16 PNG the seeded products carry in the recordings; stands in for every product image. */
    static final String TINY_PNG = "iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAIAAACQkWg2AAAAFklEQVR42mOYtCOHJMQwqmFUw/DVAAAAYbYQIgty7AAAAABJRU5ErkJggg==";

    final OdooDatabase db;
    final OdooFlavour flavour;
    final Domain domains;

    Orm(OdooDatabase db, OdooFlavour flavour) {
        this.db = db;
        this.flavour = flavour;
        this.domains = new Domain(db, flavour);
    }

    String invalidField(String field, String model) {
        return flavour.atLeast(OdooFlavour.V19) ? "Invalid field '" + field + "' on '" + model + "'"
                : "Invalid field '" + field + "' on model '" + model + "'";
    }

    // ------------------------------------------------------------------ search

    List<Integer> search(Env env, String model, List<?> domain, int offset, Integer limit, String order) {
        return db.readLocked(() -> {
            Table t = db.requireTable(model);
            List<Integer> ids = new ArrayList<>();
            for (Object[] row : searchRows(env, t, domain, order, offset, limit)) ids.add(Table.id(row));
            return ids;
        });
    }

    int searchCount(Env env, String model, List<?> domain, Integer limit) {
        return db.readLocked(() -> {
            Table t = db.requireTable(model);
            Predicate<Object[]> p = visible(env, t, domain);
            int n = 0;
            for (Object[] row : t.rows()) {
                if (p.test(row)) {
                    n++;
                    if (limit != null && n >= limit) break;
                }
            }
            return n;
        });
    }

    /** Must be called under the read lock. */
    List<Object[]> searchRows(Env env, Table t, List<?> domain, String order) {
        return searchRows(env, t, domain, order, 0, null);
    }

    /**
     * Matching rows in order, from offset, at most limit. Rows are walked in a cached full ordering of the
     * table, so a page costs a scan up to its last row instead of a sort of every match.
     */
    List<Object[]> searchRows(Env env, Table t, List<?> domain, String order, int offset, Integer limit) {
        Predicate<Object[]> p = visible(env, t, domain);
        List<?> ordered = ordering(t, order);
        List<Object[]> out = new ArrayList<>(limit == null ? 16 : Math.min(limit, 4096));
        int skipped = 0;
        int start = firstCandidate(t, ordered, domain, order);
        for (int i = start; i < ordered.size(); i++) {
            Object[] row = (Object[]) ordered.get(i);
            if (!p.test(row)) continue;
            if (skipped < offset) {
                skipped++;
                continue;
            }
            out.add(row);
            if (limit != null && out.size() >= limit) break;
        }
        return out;
    }

    private record OrderingKey(String model, String order) {}

    private record CachedOrdering(long stamp, Object[] rows) {}

    private final Map<OrderingKey, CachedOrdering> orderings = new java.util.concurrent.ConcurrentHashMap<>();

    private static String normalisedOrder(String order) {
        return order == null ? "" : order.trim().replaceAll("\\s+", " ").toLowerCase();
    }

    /** Every row of the table sorted by the order; reused until any table changes. */
    private List<?> ordering(Table t, String order) {
        String spec = normalisedOrder(order);
        if ("id".equals(spec) || "id asc".equals(spec)) return t.rows();
        long stamp = db.stamp();
        OrderingKey key = new OrderingKey(t.model, spec);
        CachedOrdering c = orderings.get(key);
        if (c != null && c.stamp() == stamp) return java.util.Arrays.asList(c.rows());
        Comparator<Object[]> cmp = comparator(t, order);
        Object[] rows = t.rows().toArray();
        java.util.Arrays.sort(rows, (a, b) -> cmp.compare((Object[]) a, (Object[]) b));
        orderings.put(key, new CachedOrdering(stamp, rows));
        return java.util.Arrays.asList(rows);
    }

    /**
     * Where a scan may start: when the domain is a plain conjunction holding a lower bound on the leading
     * ascending sort key (id or a datetime, as keyset and incremental pulls send), rows before it cannot match.
     */
    private int firstCandidate(Table t, List<?> ordered, List<?> domain, String order) {
        if (domain == null || ordered.isEmpty()) return 0;
        String spec = normalisedOrder(order);
        String lead = spec.isEmpty() ? null : spec.split(",")[0].trim();
        if (lead == null || lead.endsWith(" desc")) return 0;
        String field = lead.split(" ")[0];
        int col = t.columnIndex(field);
        if (col < 0 || !("id".equals(field) || t.isDatetime(col))) return 0;
        long bound = Long.MIN_VALUE;
        for (Object item : domain) {
            if ("|".equals(item) || "!".equals(item)) return 0;
            if (item instanceof List<?> leaf && leaf.size() == 3 && field.equals(leaf.get(0))) {
                Object op = leaf.get(1);
                Object v = leaf.get(2);
                long b;
                if ("id".equals(field) && v instanceof Number n && (">".equals(op) || ">=".equals(op))) {
                    b = ">".equals(op) ? n.longValue() + 1 : n.longValue();
                } else if (!"id".equals(field) && ">=".equals(op) && v instanceof String s && s.length() >= 19) {
                    try {
                        b = Times.parseMicros(s);
                    } catch (RuntimeException e) {
                        return 0;
                    }
                } else {
                    continue;
                }
                bound = Math.max(bound, b);
            }
        }
        if (bound == Long.MIN_VALUE) return 0;
        int lo = 0;
        int hi = ordered.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            Object v = t.raw((Object[]) ordered.get(mid), col);
            long key = v instanceof Number n ? n.longValue() : Long.MAX_VALUE; // NULLs sort last ascending
            if (key < bound) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    /** Domain plus the implicit filters: active_test and the multi-company record rules. */
    Predicate<Object[]> visible(Env env, Table t, List<?> domain) {
        Predicate<Object[]> p = new Domain(db, flavour, this, env).compile(t, domain == null ? List.of() : domain);
        if (t.hasColumn("active") && env.activeTest() && (domain == null || !Domain.mentionsField(domain, "active"))) {
            int ac = t.columnIndex("active");
            p = p.and(row -> !Boolean.FALSE.equals(t.raw(row, ac)) && t.raw(row, ac) != null);
        }
        Set<Integer> companies = new HashSet<>(env.allowedCompanies());
        if ("res.company".equals(t.model)) {
            // the company rule is on the user's companies, not the context's selection
            Set<Integer> mine = new HashSet<>(env.user().companyIds());
            p = p.and(row -> mine.contains(Table.id(row)));
        } else if (t.hasColumn("company_id") && "res.company".equals(t.meta.relation("company_id"))) {
            int cc = t.columnIndex("company_id");
            p = p.and(row -> {
                Object c = t.raw(row, cc);
                return !(c instanceof List<?> l) || l.isEmpty() || companies.contains(((Number) l.get(0)).intValue());
            });
        }
        return p;
    }

    // ------------------------------------------------------------------ order

    record OrderKey(String field, boolean desc, Boolean nullsFirst) {}

    List<OrderKey> parseOrder(Table t, String order) {
        boolean explicit = order != null && !order.isBlank();
        String spec = explicit ? order : flavour == OdooFlavour.V16 && DEFAULT_ORDER_16.containsKey(t.model)
                ? DEFAULT_ORDER_16.get(t.model) : DEFAULT_ORDER.getOrDefault(t.model, "id");
        List<OrderKey> keys = new ArrayList<>();
        for (String part : spec.split(",")) {
            String[] w = part.trim().split("\\s+");
            if (w.length == 0 || w[0].isEmpty()) continue;
            String field = w[0];
            if (field.contains(":")) field = field.substring(0, field.indexOf(':'));
            boolean desc = w.length > 1 && "desc".equalsIgnoreCase(w[1]);
            if (w.length > 1 && !"desc".equalsIgnoreCase(w[1]) && !"asc".equalsIgnoreCase(w[1])) {
                // Odoo's _check_qorder: a syntactically wrong order is the user's error, not a ValueError
                throw OdooException.userError("Invalid \"order\" specified (" + order + "). A valid \"order\" "
                        + "specification is a comma-separated list of valid field names (optionally followed by "
                        + "asc/desc for the direction)");
            }
            Boolean nullsFirst = null;
            if (w.length > 3 && "nulls".equalsIgnoreCase(w[2])) nullsFirst = "first".equalsIgnoreCase(w[3]);
            if (!explicit && !"id".equals(field) && (!t.meta.has(field) || !t.hasColumn(field))) {
                continue; // a default _order names fields of other versions or related ones: skip them
            }
            if (!"id".equals(field) && !t.meta.has(field)) {
                // the ORDER BY check kept the old wording in 19
                throw OdooException.valueError("Invalid field '" + field + "' on model '" + t.model + "'");
            }
            keys.add(new OrderKey(field, desc, nullsFirst));
        }
        return keys;
    }

    Comparator<Object[]> comparator(Table t, String order) {
        return comparator(t, order, 0);
    }

    /** ORDER BY like Odoo's SQL: many2one keys follow the comodel's _order, NULLs last ascending / first descending. */
    Comparator<Object[]> comparator(Table t, String order, int depth) {
        List<OrderKey> keys = parseOrder(t, order);
        Comparator<Object[]> c = null;
        for (OrderKey k : keys) {
            int col = t.columnIndex(k.field());
            if (!"id".equals(k.field()) && !t.meta.stored(k.field())) {
                if (flavour.atLeast(OdooFlavour.V18)) {
                    throw OdooException.valueError("Cannot convert " + t.model + "." + k.field()
                            + " to SQL because it is not stored");
                }
                continue; // Odoo 17 skips non-stored fields in ORDER BY with a warning
            }
            boolean nullsFirst = k.nullsFirst() != null ? k.nullsFirst() : k.desc(); // PostgreSQL default
            Comparator<Object[]> values;
            Table target = "many2one".equals(t.meta.type(k.field())) ? db.table(t.meta.relation(k.field())) : null;
            if (target != null && depth < 2) {
                Comparator<Object[]> targetOrder = comparator(target, null, depth + 1);
                values = (a, b) -> {
                    Object[] ra = m2oRow(target, t.raw(a, col));
                    Object[] rb = m2oRow(target, t.raw(b, col));
                    if (ra == null || rb == null) return nullOrder(ra, rb, nullsFirst, k.desc());
                    int r = targetOrder.compare(ra, rb);
                    return k.desc() ? -r : r;
                };
            } else {
                values = (a, b) -> {
                    Comparable<Object> va = sortValue(t, a, col);
                    Comparable<Object> vb = sortValue(t, b, col);
                    if (va == null || vb == null) return nullOrder(va, vb, nullsFirst, k.desc());
                    int r = va.compareTo(vb);
                    return k.desc() ? -r : r;
                };
            }
            c = c == null ? values : c.thenComparing(values);
        }
        Comparator<Object[]> byId = Comparator.comparingInt(Table::id);
        return c == null ? byId : c.thenComparing(byId);
    }

    private static int nullOrder(Object a, Object b, boolean nullsFirst, boolean desc) {
        if (a == b) return 0;
        return (a == null) == nullsFirst ? -1 : 1;
    }

    private static Object[] m2oRow(Table target, Object raw) {
        List<Integer> ids = Domain.ids(raw);
        return ids.isEmpty() ? null : target.row(ids.get(0));
    }

    @SuppressWarnings("unchecked")
    private static Comparable<Object> sortValue(Table t, Object[] row, int col) {
        Object v = t.raw(row, col);
        String type = t.meta.type(t.columnNames().get(col));
        if (v == null || Boolean.FALSE.equals(v) && !"boolean".equals(type)) return null;
        // the export reads NULL integers as 0; res.company.sequence is NULL for the main company in real databases
        if ("res.company".equals(t.model) && "sequence".equals(t.columnNames().get(col)) && Integer.valueOf(0).equals(v)) {
            return null;
        }
        if (v instanceof List<?> l) {
            if (l.size() == 2 && l.get(1) instanceof String s) return (Comparable<Object>) (Object) s;
            return null;
        }
        if (v instanceof Integer i) return (Comparable<Object>) (Object) i.doubleValue();
        if (v instanceof Long l) return (Comparable<Object>) (Object) l.doubleValue();
        if (v instanceof Comparable<?> cmp) return (Comparable<Object>) cmp;
        return null;
    }

    // ------------------------------------------------------------------ read

    /** Fields Odoo shows only to a group (field.groups): the simulator's administrator has it, other users not. */
    static final Map<String, String> GROUP_FIELDS = Map.of("stock.quant.value", "Inventory / Administrator",
            "stock.quant.currency_id", "Inventory / Administrator");

    static boolean hidden(Env env, String model, String field) {
        return !env.user().admin() && GROUP_FIELDS.containsKey(model + "." + field);
    }

    void checkFields(Table t, List<String> fields) {
        for (String f : fields) {
            if (!"id".equals(f) && !t.meta.has(f)) throw OdooException.valueError(invalidField(f, t.model));
        }
    }

    /** Odoo's _check_field_access: reading a field of a group the user lacks is refused, the whole call. */
    private static void checkGroups(Env env, Table t, List<String> fields) {
        List<String> refused = fields.stream().filter(f -> hidden(env, t.model, f)).toList();
        if (!refused.isEmpty()) {
            StringBuilder message = new StringBuilder("The requested operation can not be completed due to security"
                    + " restrictions.\n\nDocument type: " + t.model + "\nOperation: read\nUser: " + env.user().uid()
                    + "\nFields:");
            refused.forEach(f -> message.append("\n- ").append(f).append(" (allowed for groups '")
                    .append(GROUP_FIELDS.get(t.model + "." + f)).append("')"));
            throw OdooException.accessError(message.toString());
        }
    }

    List<Map<String, Object>> read(Env env, String model, List<Integer> ids, List<String> fields) {
        return db.readLocked(() -> {
            Table t = db.requireTable(model);
            List<String> fs = effectiveFields(env, t, fields);
            checkFields(t, fs);
            checkGroups(env, t, fs);
            List<Map<String, Object>> out = new ArrayList<>(ids.size());
            Set<Integer> seen = new HashSet<>();
            for (Integer id : ids) {
                Object[] row = t.row(id);
                if (row != null && seen.add(id)) out.add(toRecord(env, t, row, fs));
            }
            return out;
        });
    }

    List<Map<String, Object>> searchRead(Env env, String model, List<?> domain, List<String> fields, int offset,
            Integer limit, String order) {
        return db.readLocked(() -> {
            Table t = db.requireTable(model);
            List<String> fs = effectiveFields(env, t, fields);
            checkFields(t, fs);
            checkGroups(env, t, fs);
            List<Object[]> rows = searchRows(env, t, domain, order, offset, limit);
            List<Map<String, Object>> out = new ArrayList<>(rows.size());
            for (Object[] row : rows) out.add(toRecord(env, t, row, fs));
            return out;
        });
    }

    private List<String> effectiveFields(Env env, Table t, List<String> fields) {
        if (fields != null && !fields.isEmpty()) return fields;
        List<String> all = new ArrayList<>();
        for (String c : t.columnNames()) if (!"id".equals(c) && t.meta.has(c) && !hidden(env, t.model, c)) all.add(c);
        return all;
    }

    Map<String, Object> toRecord(Env env, Table t, Object[] row, List<String> fields) {
        Map<String, Object> rec = new LinkedHashMap<>();
        rec.put("id", Table.id(row));
        for (String f : fields) {
            if (!"id".equals(f)) rec.put(f, value(env, t, row, f));
        }
        return rec;
    }

    /** One field as read() returns it, computing the few non-stored fields clients commonly ask for. */
    Object value(Env env, Table t, Object[] row, String field) {
        int col = t.columnIndex(field);
        if (col >= 0) return t.output(row, col);
        String type = t.meta.type(field);
        Object computed = Computed.value(this, env, t, row, field);
        if (computed != null) return computed;
        if ("display_name".equals(field)) return db.displayName(t, row);
        if (field.startsWith("image_") && t.hasColumn("has_image")) {
            return Boolean.TRUE.equals(t.raw(row, "has_image")) ? TINY_PNG : Boolean.FALSE;
        }
        String related = Related.path(db, t, field);
        if (related != null) {
            int dot = related.indexOf('.');
            String head = related.substring(0, dot);
            List<Integer> ids = Domain.ids(t.raw(row, head));
            Table target = db.table(t.meta.relation(head));
            Object[] tr = ids.isEmpty() || target == null ? null : target.row(ids.get(0));
            if (tr == null) return ModelMeta.emptyValue(type);
            return value(env, target, tr, related.substring(dot + 1));
        }
        return ModelMeta.emptyValue(type);
    }

    // ------------------------------------------------------------------ fields_get

    Map<String, Object> fieldsGet(Env env, String model, List<String> allfields, List<String> attributes) {
        Table t = db.requireTable(model);
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, Object>> e : t.meta.fields.entrySet()) {
            if (allfields != null && !allfields.isEmpty() && !allfields.contains(e.getKey())) continue;
            if (hidden(env, model, e.getKey())) continue;
            Map<String, Object> attrs = new LinkedHashMap<>();
            for (Map.Entry<String, Object> a : e.getValue().entrySet()) {
                // the analytic mixin's fields_get marks its search helper unsearchable, whatever was asked
                if (attributes == null || attributes.isEmpty() || attributes.contains(a.getKey())
                        || "searchable".equals(a.getKey()) && "analytic_distribution_search".equals(e.getKey())) {
                    attrs.put(a.getKey(), OdooDatabase.copy(a.getValue()));
                }
            }
            out.put(e.getKey(), attrs);
        }
        return out;
    }
}
