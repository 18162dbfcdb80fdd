package io.odoopulse.demo.simulator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rows of one model, kept sorted by id. A row is an Object[] indexed by column (id at 0). Values are held as
 * search_read returns them except datetimes, which are Long epoch microseconds so that comparisons and
 * ordering see the precision PostgreSQL keeps. Not thread-safe: {@link OdooDatabase} guards it.
 */
final class Table {

    final String model;
    final ModelMeta meta;
    private final Map<String, Integer> columns = new HashMap<>();
    private final List<String> columnNames = new ArrayList<>();
    private final List<Object[]> rows = new ArrayList<>();
    private final Map<Integer, Object[]> byId = new HashMap<>();
    private boolean[] datetimeCol = new boolean[0];
    private int maxId;
    /** Bumped on every mutation; lets callers cache derived orderings. */
    long version;

    Table(String model, ModelMeta meta) {
        this.model = model;
        this.meta = meta;
        column("id");
    }

    int column(String name) {
        Integer i = columns.get(name);
        if (i != null) return i;
        int idx = columnNames.size();
        columns.put(name, idx);
        columnNames.add(name);
        datetimeCol = Arrays.copyOf(datetimeCol, idx + 1);
        datetimeCol[idx] = "datetime".equals(meta.type(name));
        return idx;
    }

    /** Column index or -1 when the dataset does not hold this field. */
    int columnIndex(String name) {
        Integer i = columns.get(name);
        return i == null ? -1 : i;
    }

    boolean hasColumn(String name) { return columns.containsKey(name); }

    List<String> columnNames() { return columnNames; }

    boolean isDatetime(int col) { return datetimeCol[col]; }

    int size() { return rows.size(); }

    List<Object[]> rows() { return rows; }

    Object[] row(int id) { return byId.get(id); }

    int nextId() { return maxId + 1; }

    static int id(Object[] row) { return (Integer) row[0]; }

    /** Raw stored value, or null when the column is absent or the row predates the column. */
    Object raw(Object[] row, int col) {
        return col < 0 || col >= row.length ? null : row[col];
    }

    Object raw(Object[] row, String field) {
        return raw(row, columnIndex(field));
    }

    /** The value search_read would return for a stored column. */
    Object output(Object[] row, int col) {
        Object v = raw(row, col);
        if (v == null) return ModelMeta.emptyValue(meta.type(columnNames.get(col)));
        if (datetimeCol[col] && v instanceof Long micros) return Times.format(micros);
        return v;
    }

    Object[] newRow(int id) {
        Object[] row = new Object[columnNames.size()];
        row[0] = id;
        return row;
    }

    /** Inserts keeping id order; ids only grow for creates, the loader may come unsorted. */
    void insert(Object[] row) {
        int id = id(row);
        if (byId.containsKey(id)) throw new IllegalStateException(model + " already has id " + id);
        byId.put(id, row);
        if (rows.isEmpty() || id(rows.get(rows.size() - 1)) < id) {
            rows.add(row);
        } else {
            int pos = 0;
            int lo = 0;
            int hi = rows.size() - 1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                if (id(rows.get(mid)) < id) lo = mid + 1; else hi = mid - 1;
            }
            pos = lo;
            rows.add(pos, row);
        }
        maxId = Math.max(maxId, id);
        version++;
    }

    Object[] set(Object[] row, int col, Object value) {
        Object[] r = row;
        if (col >= r.length) {
            r = Arrays.copyOf(r, columnNames.size());
            replace(r);
        }
        r[col] = value;
        version++;
        return r;
    }

    private void replace(Object[] newRow) {
        int id = id(newRow);
        byId.put(id, newRow);
        for (int i = 0; i < rows.size(); i++) {
            if (id(rows.get(i)) == id) {
                rows.set(i, newRow);
                return;
            }
        }
    }

    void remove(int id) {
        Object[] r = byId.remove(id);
        if (r != null) {
            rows.remove(r);
            version++;
        }
    }

    void ensureCapacity(int n) {
        if (rows instanceof ArrayList<Object[]> a) a.ensureCapacity(n);
    }
}
