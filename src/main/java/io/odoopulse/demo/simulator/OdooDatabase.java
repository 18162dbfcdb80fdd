package io.odoopulse.demo.simulator;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * The simulator's live data: thread-safe, shared by every transport. Values go in and come out in the shape
 * search_read uses (many2one as [id, display_name], false for empty, datetimes "YYYY-MM-DD HH:MM:SS" UTC).
 */
public final class OdooDatabase {

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, Table> tables = new TreeMap<>();
    private final Map<String, ModelMeta> metas = new TreeMap<>();
    private final Clock clock;
    private long lastWriteMicros;

    private List<Integer> userCompanies = List.of();
    /** Value per unit of stock by "product/company" ("product/*": every company): what stock.quant.value weighs. */
    private final Map<String, Double> unitValues = new java.util.concurrent.ConcurrentHashMap<>();

    /** The companies of the user a recorded dataset was exported as, in its server's order (empty if unknown). */
    List<Integer> userCompanies() {
        return userCompanies;
    }

    void userCompanies(List<Integer> ids) {
        userCompanies = List.copyOf(ids);
    }

    OdooDatabase(Clock clock) {
        this.clock = clock;
    }

    // ---------------------------------------------------------------- public API

    /** Snapshot copy of every record (archived included), every stored field, as search_read returns it. */
    public List<Map<String, Object>> records(String model) {
        return readLocked(() -> {
            Table t = requireTable(model);
            List<Map<String, Object>> out = new ArrayList<>(t.size());
            List<String> cols = t.columnNames();
            for (Object[] row : t.rows()) {
                Map<String, Object> rec = new LinkedHashMap<>();
                for (int c = 0; c < cols.size(); c++) {
                    if (c == 0 || t.meta.has(cols.get(c))) rec.put(cols.get(c), copy(t.output(row, c)));
                }
                out.add(rec);
            }
            return out;
        });
    }

    /** Creates a record like the ORM would (create/write dates and uids set); returns the new id. */
    public int create(String model, Map<String, Object> values) {
        return writeLocked(() -> createLocked(model, values, 2, nextWriteMicros()));
    }

    /** Writes the values on every id and bumps write_date to one shared transaction timestamp. */
    public void write(String model, List<Integer> ids, Map<String, Object> values) {
        writeLocked(() -> {
            writeLockedInternal(model, ids, values, 2, nextWriteMicros());
            return null;
        });
    }

    public void unlink(String model, List<Integer> ids) {
        writeLocked(() -> {
            Table t = requireTable(model);
            for (Integer id : ids) t.remove(id);
            return null;
        });
    }

    /** Changes whenever any table changes (sum of the tables' versions); keys derived caches. */
    long stamp() {
        long s = 0;
        for (Table t : tables.values()) s += t.version;
        return s;
    }

    /**
     * Adds a custom field to a model, as Odoo Studio does ({@code x_studio_channel}, type char): fields_get reports
     * it, reads return it (false until written), writes and domains accept it.
     */
    public void addCustomField(String model, String field, String type, String label) {
        if (!field.startsWith("x_")) {
            throw new IllegalArgumentException("custom fields start with x_, not " + field);
        }
        writeLocked(() -> {
            requireTable(model).meta.define(field, Map.of("type", type, "string", label, "store", true,
                    "readonly", false, "required", false, "searchable", true, "sortable", true,
                    "manual", true));
            return null;
        });
    }

    /** Models held, sorted. */
    public List<String> models() {
        return readLocked(() -> List.copyOf(tables.keySet()));
    }

    // ---------------------------------------------------------------- internals

    <T> T readLocked(Supplier<T> body) {
        lock.readLock().lock();
        try {
            return body.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    <T> T writeLocked(Supplier<T> body) {
        lock.writeLock().lock();
        try {
            return body.get();
        } finally {
            lock.writeLock().unlock();
        }
    }

    void unitValue(int product, Integer company, double value) {
        unitValues.put(product + "/" + (company == null ? "*" : company), value);
    }

    /**
     * The product's value per unit of stock in the company, as Odoo values it (16 to 18: its valuation layers'
     * value over their quantity; 19: its cost); zero where nothing gave it one, as for stock Odoo never valued.
     */
    double unitValue(int product, int company) {
        Double value = unitValues.get(product + "/" + company);
        return value != null ? value : unitValues.getOrDefault(product + "/*", 0.0);
    }

    void addModel(ModelMeta meta) {
        metas.put(meta.model, meta);
        tables.computeIfAbsent(meta.model, m -> new Table(m, meta));
    }

    Table table(String model) {
        return tables.get(model);
    }

    ModelMeta meta(String model) {
        return metas.get(model);
    }

    boolean hasModel(String model) {
        return tables.containsKey(model);
    }

    Table requireTable(String model) {
        Table t = tables.get(model);
        if (t == null) throw new IllegalArgumentException("Unknown model " + model);
        return t;
    }

    /** Later writes never get a write_date before the newest one already stored (recorded data may be "future"). */
    void settleClock() {
        writeLocked(() -> {
            for (Table t : tables.values()) {
                for (String f : List.of("write_date", "create_date")) {
                    int col = t.columnIndex(f);
                    if (col < 0) continue;
                    for (Object[] row : t.rows()) {
                        if (t.raw(row, col) instanceof Long l && l > lastWriteMicros) lastWriteMicros = l;
                    }
                }
            }
            return null;
        });
    }

    /** A write timestamp strictly after the previous one, like distinct transactions. */
    long nextWriteMicros() {
        long now = Times.micros(clock.instant());
        lastWriteMicros = Math.max(now, lastWriteMicros + 1);
        return lastWriteMicros;
    }

    int createLocked(String model, Map<String, Object> values, int uid, long micros) {
        Table t = requireTable(model);
        int id = t.nextId();
        for (String k : values.keySet()) if (!"id".equals(k)) t.column(k);
        for (String f : List.of("create_date", "write_date", "create_uid", "write_uid", "active")) {
            if (t.meta.has(f)) t.column(f);
        }
        Object[] row = t.newRow(id);
        for (Map.Entry<String, Object> e : values.entrySet()) {
            if ("id".equals(e.getKey())) continue;
            row[t.columnIndex(e.getKey())] = toStored(t, e.getKey(), e.getValue());
        }
        Object userRef = userRef(uid);
        setDefault(t, row, "create_date", micros, values);
        setDefault(t, row, "write_date", micros, values);
        setDefault(t, row, "create_uid", userRef, values);
        setDefault(t, row, "write_uid", userRef, values);
        setDefault(t, row, "active", Boolean.TRUE, values);
        t.insert(row);
        return id;
    }

    private void setDefault(Table t, Object[] row, String field, Object value, Map<String, Object> given) {
        if (t.meta.has(field) && !given.containsKey(field)) row[t.columnIndex(field)] = value;
    }

    void writeLockedInternal(String model, Collection<Integer> ids, Map<String, Object> values, int uid,
            long micros) {
        Table t = requireTable(model);
        Object userRef = userRef(uid);
        for (Integer id : ids) {
            Object[] row = t.row(id);
            if (row == null) continue;
            for (Map.Entry<String, Object> e : values.entrySet()) {
                row = t.set(row, t.column(e.getKey()), toStored(t, e.getKey(), e.getValue()));
            }
            if (t.meta.has("write_date") && !values.containsKey("write_date")) {
                row = t.set(row, t.column("write_date"), micros);
            }
            if (t.meta.has("write_uid") && !values.containsKey("write_uid")) {
                t.set(row, t.column("write_uid"), userRef);
            }
        }
    }

    private Object userRef(int uid) {
        Table users = tables.get("res.users");
        if (users != null) {
            Object[] u = users.row(uid);
            if (u != null) return List.of(uid, String.valueOf(users.raw(u, "name")));
        }
        return uid == 1 ? List.of(1, "OdooBot") : List.of(uid, "Mitchell Admin");
    }

    /** Converts a client-supplied value (ids, command lists, Odoo/ISO datetime strings) to stored form. */
    Object toStored(Table t, String field, Object value) {
        String type = t.meta.type(field);
        if (value == null) return Boolean.FALSE;
        if (type == null) return value;
        switch (type) {
            case "datetime" -> {
                if (value instanceof String s && !s.isEmpty()) return Times.parseMicros(s);
                if (value instanceof Long l) return l;
                return Boolean.FALSE;
            }
            case "many2one" -> {
                if (value instanceof Number n) return m2o(t.meta.relation(field), n.intValue());
                if (value instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof Number n) {
                    return l.size() == 2 ? List.of(n.intValue(), l.get(1)) : m2o(t.meta.relation(field), n.intValue());
                }
                return Boolean.FALSE;
            }
            case "one2many", "many2many" -> {
                return x2many(t, field, value);
            }
            case "float", "monetary" -> {
                if (value instanceof Number n) return n.doubleValue();
                return value;
            }
            case "integer" -> {
                if (value instanceof Number n) return n.intValue();
                return value;
            }
            default -> {
                return copy(value);
            }
        }
    }

    /** A many2one pair with the target's current display name. */
    List<Object> m2o(String relation, int id) {
        return List.of(id, displayName(relation, id));
    }

    String displayName(String model, int id) {
        Table t = model == null ? null : tables.get(model);
        Object[] row = t == null ? null : t.row(id);
        if (row == null) return "";
        return displayName(t, row);
    }

    String displayName(Table t, Object[] row) {
        if ("product.product".equals(t.model)) {
            List<Integer> tid = Domain.ids(t.raw(row, "product_tmpl_id"));
            Table tmpl = tables.get("product.template");
            Object[] tr = tmpl == null || tid.isEmpty() ? null : tmpl.row(tid.get(0));
            if (tr != null) {
                Object code = t.raw(row, "default_code");
                String name = String.valueOf(tmpl.raw(tr, "name"));
                return code instanceof String c && !c.isEmpty() ? "[" + c + "] " + name : name;
            }
        }
        return plainDisplayName(t, row);
    }

    static String plainDisplayName(Table t, Object[] row) {
        for (String f : new String[] {"display_name", "complete_name", "name"}) {
            Object v = t.raw(row, f);
            if (v instanceof String s) {
                if ("product.product".equals(t.model) || "product.template".equals(t.model)) {
                    Object code = t.raw(row, "default_code");
                    if (code instanceof String c && !c.isEmpty()) return "[" + c + "] " + s;
                }
                return s;
            }
        }
        return t.model + "," + Table.id(row);
    }

    private Object x2many(Table t, String field, Object value) {
        List<Object> current = new ArrayList<>();
        if (!(value instanceof List<?> list)) return List.of();
        for (Object item : list) {
            if (item instanceof Number n) {
                current.add(n.intValue());
            } else if (item instanceof List<?> cmd && !cmd.isEmpty() && cmd.get(0) instanceof Number c) {
                switch (c.intValue()) {
                    case 6 -> {
                        current.clear();
                        if (cmd.size() > 2 && cmd.get(2) instanceof List<?> ids) {
                            for (Object o : ids) current.add(((Number) o).intValue());
                        }
                    }
                    case 4 -> current.add(((Number) cmd.get(1)).intValue());
                    case 3, 2 -> current.remove((Object) ((Number) cmd.get(1)).intValue());
                    case 5 -> current.clear();
                    default -> { /* (0,0,vals) creates are handled by the ORM layer before storing */ }
                }
            }
        }
        return List.copyOf(current);
    }

    @SuppressWarnings("unchecked")
    static Object copy(Object v) {
        if (v instanceof List<?> l) {
            List<Object> c = new ArrayList<>(l.size());
            for (Object o : l) c.add(copy(o));
            return c;
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> c = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) c.put(String.valueOf(e.getKey()), copy(e.getValue()));
            return c;
        }
        return v;
    }
}
