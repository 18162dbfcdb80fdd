package io.odoopulse.demo.simulator;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Odoo's domain language compiled to a row predicate: prefix '&', '|', '!' with implicit '&' at the top,
 * dotted paths through relations, and PostgreSQL's NULL semantics as Odoo's SQL translation produces them.
 */
final class Domain {

    /** Non-stored fields whose _search method Odoo provides, evaluated from their computed value. */
    static final Set<String> SEARCHABLE_COMPUTED = Set.of("product.product.qty_available",
            "product.product.virtual_available", "product.product.free_qty", "product.product.incoming_qty",
            "product.product.outgoing_qty", "product.template.qty_available");

    static final Set<String> OPERATORS = Set.of("=", "!=", "<=", "<", ">", ">=", "=?", "=like", "=ilike", "like",
            "not like", "ilike", "not ilike", "in", "not in", "child_of", "parent_of", "any", "not any");

    private final OdooDatabase db;
    private final OdooFlavour flavour;
    /** Set when computed fields with a search method (qty_available ...) may be evaluated. */
    private final Orm orm;
    private final Env env;

    Domain(OdooDatabase db, OdooFlavour flavour) {
        this(db, flavour, null, null);
    }

    Domain(OdooDatabase db, OdooFlavour flavour, Orm orm, Env env) {
        this.db = db;
        this.flavour = flavour;
        this.orm = orm;
        this.env = env;
    }

    /** Field names the domain tests at its top level (used for the implicit active filter). */
    static boolean mentionsField(List<?> domain, String field) {
        for (Object item : domain) {
            if (item instanceof List<?> leaf && !leaf.isEmpty() && field.equals(leaf.get(0))) return true;
        }
        return false;
    }

    Predicate<Object[]> compile(Table table, List<?> domain) {
        if (domain == null || domain.isEmpty()) return r -> true;
        int[] pos = {0};
        List<Predicate<Object[]>> parts = new ArrayList<>();
        while (pos[0] < domain.size()) parts.add(parseOne(table, domain, pos));
        return and(parts);
    }

    private static Predicate<Object[]> and(List<Predicate<Object[]>> parts) {
        if (parts.size() == 1) return parts.get(0);
        @SuppressWarnings("unchecked")
        Predicate<Object[]>[] arr = parts.toArray(new Predicate[0]);
        return r -> {
            for (Predicate<Object[]> p : arr) if (!p.test(r)) return false;
            return true;
        };
    }

    private Predicate<Object[]> parseOne(Table table, List<?> domain, int[] pos) {
        if (pos[0] >= domain.size()) throw OdooException.valueError("Invalid domain " + Py.repr(domain));
        Object tok = domain.get(pos[0]++);
        if ("&".equals(tok) || "|".equals(tok)) {
            Predicate<Object[]> a = parseOne(table, domain, pos);
            Predicate<Object[]> b = parseOne(table, domain, pos);
            return "&".equals(tok) ? a.and(b) : a.or(b);
        }
        if ("!".equals(tok)) return parseOne(table, domain, pos).negate();
        return leaf(table, tok);
    }

    private Predicate<Object[]> leaf(Table table, Object tok) {
        if (!(tok instanceof List<?> leaf)) {
            throw OdooException.valueError(flavour.atLeast(OdooFlavour.V19)
                    ? "Domain() invalid item in domain: " + Py.repr(tok)
                    : "Invalid leaf " + Py.repr(tok));
        }
        if (leaf.size() != 3) {
            if (flavour.atLeast(OdooFlavour.V19)) {
                throw OdooException.valueError("Domain() invalid item in domain: " + Py.repr(leaf));
            }
            if (flavour == OdooFlavour.V16) {
                // 16's check_leaf refuses the term before unpacking it
                throw OdooException.valueError("Invalid leaf " + Py.tuple(leaf));
            }
            throw OdooException.valueError(leaf.size() < 3
                    ? "not enough values to unpack (expected 3, got " + leaf.size() + ")"
                    : "too many values to unpack (expected 3)");
        }
        Object left = leaf.get(0);
        Object opObj = leaf.get(1);
        Object right = leaf.get(2);
        if (left instanceof Number l && "=".equals(opObj) && right instanceof Number r) {
            boolean t = l.intValue() == r.intValue(); // TRUE_LEAF (1, '=', 1) / FALSE_LEAF (0, '=', 1)
            return row -> t;
        }
        String op = opObj instanceof String s ? s.toLowerCase() : null;
        if (op == null || !OPERATORS.contains(op) || !(left instanceof String)) {
            throw OdooException.valueError(flavour.atLeast(OdooFlavour.V19)
                    ? "Invalid operator in condition " + Py.tuple(leaf)
                    : "Invalid leaf " + Py.tuple(leaf));
        }
        String path = (String) left;
        String first = path.contains(".") ? path.substring(0, path.indexOf('.')) : path;
        if (!table.meta.has(first) && !"id".equals(first)) {
            throw OdooException.valueError("Invalid field " + table.model + "." + first + " in "
                    + (flavour.atLeast(OdooFlavour.V19) ? "condition " : "leaf ") + Py.tuple(leaf));
        }
        return condition(table, path, op, right, leaf);
    }

    private Predicate<Object[]> condition(Table table, String path, String op, Object right, List<?> leaf) {
        String head0 = path.contains(".") ? path.substring(0, path.indexOf('.')) : path;
        String related = Related.path(db, table, head0);
        if (related != null) return condition(table, related + path.substring(head0.length()), op, right, leaf);
        if ("stock.move".equals(table.model) && "picking_code".equals(path) && ("=".equals(op) || "in".equals(op))) {
            // picking_type_id.code is not exported; the move's locations tell the same story
            List<Object> codes = right instanceof List<?> l ? new ArrayList<>(l) : List.of(String.valueOf(right));
            Predicate<Object[]> out = condition(table, "location_dest_id.usage", "=", "customer", leaf);
            Predicate<Object[]> in = condition(table, "location_id.usage", "=", "supplier", leaf);
            Predicate<Object[]> p = r -> false;
            if (codes.contains("outgoing")) p = p.or(out);
            if (codes.contains("incoming")) p = p.or(in);
            if (codes.contains("internal")) p = p.or(out.negate().and(in.negate()));
            return p;
        }
        int dot = path.indexOf('.');
        if (dot > 0) {
            String head = path.substring(0, dot);
            String rest = path.substring(dot + 1);
            String relation = table.meta.relation(head);
            Table target = relation == null ? null : db.table(relation);
            if (target == null) return row -> false;
            if (!target.meta.has(rest.contains(".") ? rest.substring(0, rest.indexOf('.')) : rest)
                    && !rest.startsWith("id")) {
                throw OdooException.valueError("Invalid field " + relation + "." + rest + " in leaf " + Py.tuple(leaf));
            }
            Predicate<Object[]> sub = condition(target, rest, op, right, leaf);
            int col = table.columnIndex(head);
            return row -> {
                for (int id : ids(table.raw(row, col))) {
                    Object[] t = target.row(id);
                    if (t != null && sub.test(t)) return true;
                }
                return false;
            };
        }
        String field = path;
        String type = "id".equals(field) ? "integer" : table.meta.type(field);
        int col = table.columnIndex(field);
        if (col < 0) {
            if ("image_1920".equals(field) && table.meta.stored(field) && table.hasColumn("has_image")) {
                // the template's image is an attachment-backed stored binary: searchable with (!)= False
                int hc = table.columnIndex("has_image");
                Predicate<Object[]> has = row -> Boolean.TRUE.equals(table.raw(row, hc));
                if ("=".equals(op)) return Py.truthy(right) ? has : has.negate();
                if ("!=".equals(op)) return Py.truthy(right) ? has.negate() : has;
                return has;
            }
            if (!table.meta.stored(field) && !"id".equals(field) && orm != null && SEARCHABLE_COMPUTED.contains(table.model + "." + field)) {
                String fop = op;
                Object rv = right;
                return row -> {
                    Object v = Computed.value(orm, env, table, row, field);
                    return test(v, fop, rv, false);
                };
            }
            if (!table.meta.stored(field) && !"id".equals(field)) {
                if (flavour.atLeast(OdooFlavour.V19)) {
                    throw OdooException.valueError("Cannot convert " + table.model + "." + field
                            + " to SQL because it is not stored");
                }
                // Odoo <= 18 logs "Non-stored field ... cannot be searched." and drops the condition
                return row -> true;
            }
        }
        if ("any".equals(op) || "not any".equals(op)) {
            Table target = db.table(table.meta.relation(field));
            Predicate<Object[]> sub = target == null ? r -> false : compile(target, (List<?>) right);
            Predicate<Object[]> any = row -> {
                for (int id : ids(table.raw(row, col))) {
                    Object[] t = target.row(id);
                    if (t != null && sub.test(t)) return true;
                }
                return false;
            };
            return "any".equals(op) ? any : any.negate();
        }
        if ("child_of".equals(op) || "parent_of".equals(op)) {
            String model = "id".equals(field) ? table.model : table.meta.relation(field);
            Set<Integer> set = hierarchy(model, right, "child_of".equals(op));
            return row -> {
                for (int id : ids("id".equals(field) ? Table.id(row) : table.raw(row, col))) {
                    if (set.contains(id)) return true;
                }
                return false;
            };
        }
        if ("=?".equals(op)) {
            if (right == null || Boolean.FALSE.equals(right)) return row -> true;
            op = "=";
        }
        boolean datetime = "datetime".equals(type);
        Object rv = normaliseRight(type, op, right);
        String fop = op;
        if ("many2one".equals(type) || ModelMeta.isX2many(type)) return relational(table, col, type, fop, rv);
        boolean bool = "boolean".equals(type);
        // Odoo 19 compares datetimes at the precision it returns them (whole seconds)
        boolean seconds = datetime && flavour.atLeast(OdooFlavour.V19);
        return row -> {
            Object v = table.raw(row, col);
            if (seconds && v instanceof Long micros) v = micros - Math.floorMod(micros, 1_000_000L);
            if (bool && v == null) v = Boolean.FALSE;
            if (v != null && v.equals(Boolean.FALSE) && !bool) v = null;
            return test(v, fop, rv, datetime);
        };
    }

    /** Datetime strings become microseconds; a bare date means the start (or end, for > and <=) of that day. */
    private Object normaliseRight(String type, String op, Object right) {
        if ("datetime".equals(type)) {
            if (right instanceof String s) return dt(s, op);
            if (right instanceof List<?> l) {
                List<Object> out = new ArrayList<>();
                for (Object o : l) out.add(o instanceof String s ? dt(s, op) : o);
                return out;
            }
        }
        if ("date".equals(type) && right instanceof String s && s.length() > 10 && Times.looksLikeDatetime(s)) {
            return s.substring(0, 10);
        }
        return right;
    }

    private Object dt(String s, String op) {
        if (!Times.looksLikeDatetime(s)) return s;
        if (flavour.atLeast(OdooFlavour.V19) && (s.endsWith("Z") || s.indexOf('+', 10) > 0)) {
            throw OdooException.valueError("expecting only datetimes with no timezone: " + Py.repr(s));
        }
        if (s.length() == 10) {
            long day = Times.parseMicros(s);
            if (flavour.atLeast(OdooFlavour.V19) && env != null) {
                // 19 reads a date against a datetime field as that day in the user's timezone, 18 and older as UTC
                day = java.time.LocalDate.parse(s).atStartOfDay(java.time.ZoneId.of(env.tz())).toEpochSecond() * 1_000_000L;
            }
            return (">".equals(op) || "<=".equals(op)) ? day + 86_399_000_000L : day;
        }
        try {
            return Times.parseMicros(s);
        } catch (RuntimeException e) {
            return s;
        }
    }

    /** res.partner's _rec_names_search also matches email, ref, vat and company registry, not only the name. */
    private boolean alsoSearched(Table target, int id, String op, Object rv) {
        if (target == null || !"res.partner".equals(target.model) || op.startsWith("not") || !op.contains("like")) {
            return false;
        }
        Object[] row = target.row(id);
        if (row == null) return false;
        for (String f : List.of("email", "ref", "vat", "company_registry")) {
            if (target.raw(row, f) instanceof String v && test(v, op, rv, false)) return true;
        }
        return false;
    }

    private Predicate<Object[]> relational(Table table, int col, String type, String op, Object rv) {
        boolean many2one = "many2one".equals(type);
        String relation = table.meta.relation(table.columnNames().get(col));
        if (rv instanceof String || (rv instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof String)) {
            // name_search semantics: compare against the target's display name
            Table target = db.table(relation);
            if (op.contains("like") || "=".equals(op) || "!=".equals(op) || "in".equals(op) || "not in".equals(op)) {
                return row -> {
                    List<Integer> ids = ids(table.raw(row, col));
                    if (ids.isEmpty()) return op.startsWith("not") || "!=".equals(op);
                    for (int id : ids) {
                        String name = many2one && table.raw(row, col) instanceof List<?> pair ? String.valueOf(pair.get(1))
                                : db.displayName(relation, id);
                        if (test(name, op, rv, false)) return true;
                        if (alsoSearched(target, id, op, rv)) return true;
                    }
                    return false;
                };
            }
        }
        return row -> {
            List<Integer> ids = ids(table.raw(row, col));
            if (!Py.truthy(rv) && !(rv instanceof Number)) {
                return switch (op) {
                    case "=", "in" -> ids.isEmpty();
                    case "!=", "not in" -> !ids.isEmpty();
                    default -> false;
                };
            }
            if (ids.isEmpty()) {
                boolean falseListed = rv instanceof Collection<?> c && c.contains(Boolean.FALSE);
                return switch (op) {
                    case "!=", "not in", "not like", "not ilike" -> !falseListed;
                    case "in" -> falseListed;
                    default -> false;
                };
            }
            if (many2one) return test(ids.get(0), op, rv, false);
            boolean anyMatch = false;
            for (int id : ids) {
                if (test(id, positive(op), rv, false)) {
                    anyMatch = true;
                    break;
                }
            }
            return negative(op) ? !anyMatch : anyMatch;
        };
    }

    private static String positive(String op) {
        return switch (op) {
            case "!=" -> "=";
            case "not in" -> "in";
            case "not like" -> "like";
            case "not ilike" -> "ilike";
            default -> op;
        };
    }

    private static boolean negative(String op) {
        return "!=".equals(op) || op.startsWith("not ");
    }

    static List<Integer> ids(Object raw) {
        if (raw instanceof List<?> l) {
            if (l.size() == 2 && l.get(1) instanceof String && l.get(0) instanceof Number n) return List.of(n.intValue());
            List<Integer> out = new ArrayList<>(l.size());
            for (Object o : l) if (o instanceof Number n) out.add(n.intValue());
            return out;
        }
        if (raw instanceof Number n) return List.of(n.intValue());
        return List.of();
    }

    private Set<Integer> hierarchy(String model, Object right, boolean down) {
        Table t = db.table(model);
        Set<Integer> roots = new HashSet<>();
        if (right instanceof Number n) roots.add(n.intValue());
        else if (right instanceof List<?> l) for (Object o : l) if (o instanceof Number n) roots.add(n.intValue());
        Set<Integer> out = new HashSet<>(roots);
        if (t == null) return out;
        String parentField = t.hasColumn("parent_id") ? "parent_id" : t.hasColumn("location_id") ? "location_id" : null;
        if (parentField == null) return out;
        int pc = t.columnIndex(parentField);
        if (down) {
            boolean grew = true;
            while (grew) {
                grew = false;
                for (Object[] row : t.rows()) {
                    List<Integer> p = ids(t.raw(row, pc));
                    if (!p.isEmpty() && out.contains(p.get(0)) && out.add(Table.id(row))) grew = true;
                }
            }
        } else {
            for (Integer id : roots) {
                Object[] row = t.row(id);
                while (row != null) {
                    List<Integer> p = ids(t.raw(row, pc));
                    if (p.isEmpty() || !out.add(p.get(0))) break;
                    row = t.row(p.get(0));
                }
            }
        }
        return out;
    }

    /** One scalar comparison with SQL NULL semantics (v == null is NULL). */
    static boolean test(Object v, String op, Object right, boolean datetime) {
        switch (op) {
            case "=":
                if (right == null || Boolean.FALSE.equals(right)) return v == null || Boolean.FALSE.equals(v);
                return v != null && eq(v, right);
            case "!=":
                if (right == null || Boolean.FALSE.equals(right)) return v != null && !Boolean.FALSE.equals(v);
                return v == null || !eq(v, right);
            case "<", "<=", ">", ">=": {
                if (v == null || right == null || Boolean.FALSE.equals(right)) return false;
                int c = cmp(v, right);
                if (c == Integer.MIN_VALUE) return false;
                return switch (op) {
                    case "<" -> c < 0;
                    case "<=" -> c <= 0;
                    case ">" -> c > 0;
                    default -> c >= 0;
                };
            }
            case "in", "not in": {
                boolean in = false;
                boolean falseListed = false;
                if (right instanceof Collection<?> c) {
                    for (Object o : c) {
                        if (o == null || Boolean.FALSE.equals(o)) falseListed = true;
                        else if (v != null && eq(v, o)) in = true;
                    }
                } else if (right != null && !Boolean.FALSE.equals(right)) {
                    in = v != null && eq(v, right);
                } else {
                    falseListed = true;
                }
                if (v == null || Boolean.FALSE.equals(v)) in = falseListed;
                return "in".equals(op) == in;
            }
            case "like", "ilike", "=like", "=ilike", "not like", "not ilike": {
                boolean neg = op.startsWith("not");
                if (v == null) return neg;
                String pattern = String.valueOf(right == null || Boolean.FALSE.equals(right) ? "" : right);
                boolean exact = op.startsWith("=");
                boolean ci = op.contains("ilike");
                boolean m = like(String.valueOf(v), exact ? pattern : "%" + pattern + "%", ci);
                return neg != m;
            }
            default:
                return false;
        }
    }

    private static final Map<String, Pattern> PATTERNS = new java.util.concurrent.ConcurrentHashMap<>();

    static boolean like(String value, String pattern, boolean ci) {
        String key = (ci ? "i:" : "c:") + pattern;
        Pattern p = PATTERNS.computeIfAbsent(key, k -> {
            StringBuilder re = new StringBuilder();
            for (int i = 0; i < pattern.length(); i++) {
                char c = pattern.charAt(i);
                if (c == '\\' && i + 1 < pattern.length()) re.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
                else if (c == '%') re.append(".*");
                else if (c == '_') re.append('.');
                else re.append(Pattern.quote(String.valueOf(c)));
            }
            return Pattern.compile(re.toString(), Pattern.DOTALL | (ci ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0));
        });
        return p.matcher(value).matches();
    }

    static boolean eq(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            if (x instanceof Double || y instanceof Double || x instanceof Float || y instanceof Float) {
                return x.doubleValue() == y.doubleValue();
            }
            return x.longValue() == y.longValue();
        }
        if (a instanceof Boolean x && b instanceof Number y) return (x ? 1 : 0) == y.intValue();
        return a.equals(b);
    }

    /** Ordering comparison; MIN_VALUE when the types cannot be compared. */
    static int cmp(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            if (x instanceof Long && y instanceof Long) return Long.compare(x.longValue(), y.longValue());
            return Double.compare(x.doubleValue(), y.doubleValue());
        }
        if (a instanceof String x && b instanceof String y) return x.compareTo(y);
        if (a instanceof Boolean x && b instanceof Boolean y) return Boolean.compare(x, y);
        return Integer.MIN_VALUE;
    }
}
