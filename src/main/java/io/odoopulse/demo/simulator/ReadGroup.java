package io.odoopulse.demo.simulator;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.time.temporal.TemporalAdjusters;
import java.time.temporal.WeekFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * read_group with Odoo 17 semantics: lazy/non-lazy counts, "field:agg" and "alias:agg(field)" aggregates,
 * date granularities with their labels, __domain, __range and __context; and Odoo 19's formatted_read_group.
 */
final class ReadGroup {

    private static final Pattern ALIASED = Pattern.compile("(\\w+):(\\w+)\\((\\w+)\\)");
    private static final Pattern FIELD_AGG = Pattern.compile("(\\w+)(?::(\\w+))?");
    private static final Set<String> GRANULARITIES = Set.of("day", "week", "month", "quarter", "year");

    private final Orm orm;
    private final Env env;

    ReadGroup(Orm orm, Env env) {
        this.orm = orm;
        this.env = env;
    }

    private record Agg(String key, String func, String field) {}

    private record GroupBy(String spec, String field, String granularity, String type) {}

    private GroupBy parseGroupBy(Table t, String spec) {
        String field = spec;
        String gran = null;
        int colon = spec.indexOf(':');
        if (colon > 0) {
            field = spec.substring(0, colon);
            gran = spec.substring(colon + 1);
        }
        if (!t.meta.has(field) && !"id".equals(field)) throw OdooException.valueError(orm.invalidField(field, t.model));
        String type = t.meta.type(field);
        if (("date".equals(type) || "datetime".equals(type)) && gran == null) gran = "month";
        if (gran != null && !GRANULARITIES.contains(gran)) {
            throw OdooException.valueError("Invalid granularity '" + gran + "' for field " + field);
        }
        return new GroupBy(spec, field, gran, type);
    }

    private List<Agg> parseAggregates(Table t, List<String> fields, List<String> groupby) {
        List<Agg> out = new ArrayList<>();
        for (String spec : fields == null ? List.<String>of() : fields) {
            if ("__count".equals(spec)) continue;
            Matcher m = ALIASED.matcher(spec);
            if (m.matches()) {
                check(t, m.group(3));
                out.add(new Agg(m.group(1), m.group(2).toLowerCase(), m.group(3)));
                continue;
            }
            m = FIELD_AGG.matcher(spec);
            if (!m.matches()) throw OdooException.valueError("Invalid aggregate " + Py.repr(spec));
            String field = m.group(1);
            check(t, field);
            String func = m.group(2);
            if (SUMMED_COMPUTED.contains(t.model + "." + field)) {
                // stock_account's read_group override sums the computed valuation: 16 for 'value' only, 17 for
                // either spelling, 18 and 19 for 'value:sum' only (a bare 'value' is left out, as non-stored).
                boolean bare = func == null;
                if (orm.flavour == OdooFlavour.V16 && !bare) {
                    throw OdooException.valueError("Cannot aggregate field " + Py.repr(field) + ".");
                }
                if (orm.flavour.atLeast(OdooFlavour.V18) && bare) continue;
                out.add(new Agg(field, "sum", field));
                continue;
            }
            if (func == null) {
                String type = t.meta.type(field);
                boolean numeric = "integer".equals(type) || "float".equals(type) || "monetary".equals(type);
                if (!numeric || groupby.contains(field) || "id".equals(field)) continue;
                func = "sum";
            }
            out.add(new Agg(field, func.toLowerCase(), field));
        }
        return out;
    }

    /** 16 refuses two aggregates with one output name ("date_order:min" and "date_order:max"); 17 keeps the last. */
    private static void refuseDuplicateOutputs(List<Agg> aggs) {
        Set<String> seen = new HashSet<>();
        for (Agg a : aggs) {
            if (!seen.add(a.key())) {
                throw OdooException.userError("Output name " + Py.repr(a.key()) + " is used twice.");
            }
        }
    }

    private void check(Table t, String field) {
        if (!"id".equals(field) && !t.meta.has(field)) throw OdooException.valueError(orm.invalidField(field, t.model));
    }

    List<Object> readGroup(String model, List<Object> domain, List<String> fields, List<String> groupbyAll, int offset,
            Integer limit, String orderby, boolean lazy) {
        return orm.db.readLocked(() -> {
            Table t = orm.db.requireTable(model);
            List<GroupBy> all = new ArrayList<>();
            for (String g : groupbyAll) all.add(parseGroupBy(t, g));
            List<GroupBy> applied = lazy && !all.isEmpty() ? all.subList(0, 1) : all;
            List<String> gbFields = new ArrayList<>();
            for (GroupBy g : applied) gbFields.add(g.field());
            List<Agg> aggs = parseAggregates(t, fields, gbFields);
            if (orm.flavour == OdooFlavour.V16) refuseDuplicateOutputs(aggs);
            List<Group> groups = group(t, domain, applied);
            sort(t, groups, applied, aggs, orderby);
            List<Object> out = new ArrayList<>();
            int to = limit == null ? groups.size() : Math.min(groups.size(), offset + limit);
            for (int i = Math.min(offset, groups.size()); i < to; i++) {
                Group g = groups.get(i);
                Map<String, Object> rec = new LinkedHashMap<>();
                for (int k = 0; k < applied.size(); k++) rec.put(applied.get(k).spec(), label(t, applied.get(k), g.keys.get(k)));
                rec.put(lazy && !applied.isEmpty() ? applied.get(0).field() + "_count" : "__count", g.rows.size());
                for (Agg a : aggs) rec.put(a.key(), aggregate(t, a, g.rows));
                List<Object> parts = new ArrayList<>();
                parts.add(domain);
                List<Object> groupLeaves = new ArrayList<>();
                Map<String, Object> ranges = new LinkedHashMap<>();
                for (int k = 0; k < applied.size(); k++) {
                    GroupBy gb = applied.get(k);
                    Object key = g.keys.get(k);
                    if (gb.granularity() != null && key != null) {
                        String[] r = range(gb, key);
                        parts.add(List.of("&", List.of(gb.field(), ">=", r[0]), List.of(gb.field(), "<", r[1])));
                        groupLeaves.add(List.of(gb.field(), ">=", r[0]));
                        groupLeaves.add(List.of(gb.field(), "<", r[1]));
                        Map<String, Object> fromTo = new LinkedHashMap<>();
                        fromTo.put("from", r[0]);
                        fromTo.put("to", r[1]);
                        ranges.put(gb.spec(), fromTo);
                    } else if (gb.granularity() != null) {
                        parts.add(List.of(List.of(gb.field(), "=", false)));
                        groupLeaves.add(List.of(gb.field(), "=", false));
                        ranges.put(gb.spec(), false);
                    } else {
                        parts.add(List.of(List.of(gb.field(), "=", key == null ? false : key)));
                        groupLeaves.add(List.of(gb.field(), "=", key == null ? false : key));
                    }
                }
                // 16 puts the group's own terms first, then the caller's domain; 17 the other way round
                rec.put("__domain", orm.flavour.atLeast(OdooFlavour.V19) ? orTrueLeaf(flatAnd(parts))
                        : orm.flavour == OdooFlavour.V16 ? and(List.of(groupLeaves, domain)) : and(parts));
                if (!ranges.isEmpty()) rec.put("__range", ranges);
                if (lazy && all.size() > 1) {
                    rec.put("__context", Map.of("group_by", new ArrayList<>(groupbyAll.subList(1, groupbyAll.size()))));
                }
                out.add(rec);
            }
            return out;
        });
    }

    /** Odoo 19 formatted_read_group: aggregates keyed by their spec, "__extra_domain" per group. */
    List<Object> formattedReadGroup(String model, List<Object> domain, List<String> groupby, List<String> aggregates,
            String order, Integer limit, int offset) {
        return orm.db.readLocked(() -> {
            Table t = orm.db.requireTable(model);
            List<GroupBy> applied = new ArrayList<>();
            for (String g : groupby) applied.add(parseGroupBy(t, g));
            List<Agg> aggs = new ArrayList<>();
            for (String spec : aggregates) {
                if ("__count".equals(spec)) continue;
                Matcher m = FIELD_AGG.matcher(spec);
                if (!m.matches() || m.group(2) == null) throw OdooException.valueError("Invalid aggregate " + Py.repr(spec));
                check(t, m.group(1));
                aggs.add(new Agg(spec, m.group(2), m.group(1)));
            }
            List<Group> groups = group(t, domain, applied);
            sort(t, groups, applied, aggs, order);
            List<Object> out = new ArrayList<>();
            int to = limit == null ? groups.size() : Math.min(groups.size(), offset + limit);
            for (int i = Math.min(offset, groups.size()); i < to; i++) {
                Group g = groups.get(i);
                Map<String, Object> rec = new LinkedHashMap<>();
                List<Object> extra = new ArrayList<>();
                for (int k = 0; k < applied.size(); k++) {
                    GroupBy gb = applied.get(k);
                    Object key = g.keys.get(k);
                    rec.put(gb.spec(), label(t, gb, key));
                    if (gb.granularity() != null && key != null) {
                        String[] r = range(gb, key);
                        extra.add(List.of("&", List.of(gb.field(), ">=", r[0]), List.of(gb.field(), "<", r[1])));
                    } else {
                        extra.add(List.of(List.of(gb.field(), "=", key == null ? false : key)));
                    }
                }
                rec.put("__extra_domain", and(extra));
                for (String spec : aggregates) {
                    if ("__count".equals(spec)) {
                        rec.put("__count", g.rows.size());
                    } else {
                        for (Agg a : aggs) if (a.key().equals(spec)) rec.put(spec, aggregate(t, a, g.rows));
                    }
                }
                out.add(rec);
            }
            return out;
        });
    }

    private static final class Group {
        final List<Object> keys;
        final List<Object[]> rows = new ArrayList<>();

        Group(List<Object> keys) {
            this.keys = keys;
        }
    }

    private List<Group> group(Table t, List<Object> domain, List<GroupBy> applied) {
        List<Object[]> rows = orm.searchRows(env, t, domain, "id");
        Map<List<Object>, Group> groups = new LinkedHashMap<>();
        int[] cols = new int[applied.size()];
        for (int k = 0; k < applied.size(); k++) cols[k] = t.columnIndex(applied.get(k).field());
        for (Object[] row : rows) {
            List<Object> key = new ArrayList<>(applied.size());
            for (int k = 0; k < applied.size(); k++) key.add(groupKey(t, applied.get(k), row, cols[k]));
            groups.computeIfAbsent(key, Group::new).rows.add(row);
        }
        return new ArrayList<>(groups.values());
    }

    /** Group value: the many2one id, a bucket start for dates, the raw value otherwise; null for empty. */
    private Object groupKey(Table t, GroupBy gb, Object[] row, int col) {
        Object v = "id".equals(gb.field()) ? Table.id(row) : t.raw(row, col);
        if (v == null || (Boolean.FALSE.equals(v) && !"boolean".equals(gb.type()))) return null;
        if ("many2one".equals(gb.type())) {
            List<Integer> ids = Domain.ids(v);
            return ids.isEmpty() ? null : ids.get(0);
        }
        if (gb.granularity() != null) {
            LocalDateTime dt;
            if (v instanceof Long micros) {
                dt = LocalDateTime.ofInstant(Times.instant(micros), zone());
            } else {
                dt = LocalDate.parse(String.valueOf(v).substring(0, 10)).atStartOfDay();
            }
            LocalDate d = dt.toLocalDate();
            LocalDate start = switch (gb.granularity()) {
                case "day" -> d;
                // 16 truncates in PostgreSQL (ISO weeks from Monday); 17+ start weeks on the locale's first day
                case "week" -> d.with(TemporalAdjusters.previousOrSame(
                        orm.flavour == OdooFlavour.V16 ? DayOfWeek.MONDAY : DayOfWeek.SUNDAY));
                case "quarter" -> LocalDate.of(d.getYear(), ((d.getMonthValue() - 1) / 3) * 3 + 1, 1);
                case "year" -> LocalDate.of(d.getYear(), 1, 1);
                default -> d.withDayOfMonth(1);
            };
            return start;
        }
        if (v instanceof List<?> l) return l;
        return v;
    }

    private ZoneId zone() {
        Object tz = env.context().get("tz");
        try {
            return tz instanceof String s && !s.isEmpty() ? ZoneId.of(s) : ZoneOffset.UTC;
        } catch (RuntimeException e) {
            return ZoneOffset.UTC;
        }
    }

    private Object label(Table t, GroupBy gb, Object key) {
        if (key == null) return false;
        if ("many2one".equals(gb.type())) {
            return List.of(key, orm.db.displayName(t.meta.relation(gb.field()), (Integer) key));
        }
        if (key instanceof LocalDate d) {
            Locale en = Locale.US;
            return switch (gb.granularity()) {
                case "day" -> String.format("%02d %s %d", d.getDayOfMonth(), d.getMonth().getDisplayName(TextStyle.SHORT, en), d.getYear());
                case "week" -> "W" + d.get(WeekFields.of(en).weekOfWeekBasedYear()) + " " + d.get(WeekFields.of(en).weekBasedYear());
                case "quarter" -> "Q" + ((d.getMonthValue() - 1) / 3 + 1) + " " + d.getYear();
                case "year" -> Integer.toString(d.getYear());
                default -> d.getMonth().getDisplayName(TextStyle.FULL, en) + " " + d.getYear();
            };
        }
        return key;
    }

    /** [from, to) of a date bucket, in UTC for datetimes (shifted by the context tz like Odoo). */
    private String[] range(GroupBy gb, Object key) {
        LocalDate start = (LocalDate) key;
        LocalDate end = switch (gb.granularity()) {
            case "day" -> start.plusDays(1);
            case "week" -> start.plusWeeks(1);
            case "quarter" -> start.plusMonths(3);
            case "year" -> start.plusYears(1);
            default -> start.plusMonths(1);
        };
        if ("datetime".equals(gb.type())) {
            ZoneId z = zone();
            long a = start.atStartOfDay(z).toEpochSecond() * 1_000_000L;
            long b = end.atStartOfDay(z).toEpochSecond() * 1_000_000L;
            return new String[] {Times.format(a), Times.format(b)};
        }
        return new String[] {start.toString(), end.toString()};
    }

    /** Non-stored fields whose model's read_group sums them anyway, computed row by row. */
    private static final Set<String> SUMMED_COMPUTED = Set.of("stock.quant.value");

    private Object aggregate(Table t, Agg a, List<Object[]> rows) {
        if (SUMMED_COMPUTED.contains(t.model + "." + a.field())) {
            BigDecimal sum = BigDecimal.ZERO;
            for (Object[] r : rows) {
                if (Computed.value(orm, null, t, r, a.field()) instanceof Number n) {
                    sum = sum.add(new BigDecimal(Double.toString(n.doubleValue())));
                }
            }
            return sum.doubleValue();
        }
        int col = "id".equals(a.field()) ? 0 : t.columnIndex(a.field());
        String type = "id".equals(a.field()) ? "integer" : t.meta.type(a.field());
        switch (a.func()) {
            case "count":
                int n = 0;
                for (Object[] r : rows) if (value(t, r, col) != null) n++;
                return n;
            case "count_distinct": {
                Set<Object> s = new HashSet<>();
                for (Object[] r : rows) {
                    Object v = value(t, r, col);
                    if (v != null) s.add(v instanceof List<?> l ? Domain.ids(l) : v);
                }
                return s.size();
            }
            case "sum", "avg": {
                BigDecimal sum = BigDecimal.ZERO;
                int cnt = 0;
                for (Object[] r : rows) {
                    Object v = value(t, r, col);
                    if (v instanceof Number num) {
                        sum = sum.add(num instanceof Double d ? new BigDecimal(Double.toString(d)) : BigDecimal.valueOf(num.longValue()));
                        cnt++;
                    }
                }
                if ("avg".equals(a.func())) return cnt == 0 ? false : sum.doubleValue() / cnt;
                if (cnt == 0 && rows.isEmpty()) return false;
                return "integer".equals(type) ? (Object) sum.longValue() : (Object) sum.doubleValue();
            }
            case "min", "max": {
                Object best = null;
                for (Object[] r : rows) {
                    Object v = value(t, r, col);
                    if (v == null) continue;
                    if (v instanceof List<?> l) v = Domain.ids(l).isEmpty() ? null : Domain.ids(l).get(0);
                    if (v == null) continue;
                    if (best == null) {
                        best = v;
                    } else {
                        int c = Domain.cmp(v, best);
                        if (c != Integer.MIN_VALUE && ("min".equals(a.func()) ? c < 0 : c > 0)) best = v;
                    }
                }
                if (best == null) return false;
                if ("datetime".equals(type) && best instanceof Long micros) return Times.format(micros);
                return best;
            }
            case "bool_and", "bool_or": {
                boolean and = "bool_and".equals(a.func());
                boolean acc = and;
                for (Object[] r : rows) {
                    boolean v = Py.truthy(value(t, r, col));
                    acc = and ? acc && v : acc || v;
                }
                return acc;
            }
            case "array_agg": {
                List<Object> out = new ArrayList<>();
                for (Object[] r : rows) out.add(t.output(r, col));
                return out;
            }
            default:
                throw OdooException.valueError("Invalid aggregation function " + Py.repr(a.func()));
        }
    }

    private static Object value(Table t, Object[] row, int col) {
        Object v = col < 0 ? null : t.raw(row, col);
        return Boolean.FALSE.equals(v) ? null : v;
    }

    private void sort(Table t, List<Group> groups, List<GroupBy> applied, List<Agg> aggs, String orderby) {
        Comparator<Group> cmp = null;
        if (orderby != null && !orderby.isBlank()) {
            for (String part : orderby.split(",")) {
                String[] w = part.trim().split("\\s+");
                String term = w[0];
                boolean desc = w.length > 1 && "desc".equalsIgnoreCase(w[1]);
                Comparator<Group> one = null;
                for (int k = 0; k < applied.size(); k++) {
                    if (applied.get(k).spec().equals(term) || applied.get(k).field().equals(term)) {
                        one = keyComparator(t, applied.get(k), k, desc);
                    }
                }
                if (one == null) {
                    for (Agg a : aggs) {
                        if (a.key().equals(term) || a.field().equals(term) || (a.key() + ":" + a.func()).equals(term)) {
                            Comparator<Group> c = Comparator.comparing(g -> sortable(aggregate(t, a, g.rows)), nullsLast());
                            one = desc ? c.reversed() : c;
                        }
                    }
                }
                if ("__count".equals(term)) {
                    Comparator<Group> c = Comparator.comparingInt(g -> g.rows.size());
                    one = desc ? c.reversed() : c;
                }
                if (one != null) cmp = cmp == null ? one : cmp.thenComparing(one);
            }
        }
        for (int k = 0; k < applied.size(); k++) {
            Comparator<Group> one = keyComparator(t, applied.get(k), k, false);
            cmp = cmp == null ? one : cmp.thenComparing(one);
        }
        if (cmp != null) groups.sort(cmp);
    }

    /** Group order: many2one groups follow the comodel's _order, other values ascending; empty groups last. */
    private Comparator<Group> keyComparator(Table t, GroupBy gb, int k, boolean desc) {
        Comparator<Group> c;
        Table target = "many2one".equals(gb.type()) ? orm.db.table(t.meta.relation(gb.field())) : null;
        if (target != null) {
            Comparator<Object[]> rows = orm.comparator(target, null, 1);
            c = (a, b) -> {
                Object[] ra = a.keys.get(k) == null ? null : target.row((Integer) a.keys.get(k));
                Object[] rb = b.keys.get(k) == null ? null : target.row((Integer) b.keys.get(k));
                if (ra == null || rb == null) return ra == rb ? 0 : ra == null ? 1 : -1;
                return rows.compare(ra, rb);
            };
        } else {
            c = Comparator.comparing(g -> sortable(g.keys.get(k)), nullsLast());
        }
        return desc ? c.reversed() : c;
    }

    @SuppressWarnings("unchecked")
    private static Comparable<Object> sortable(Object v) {
        if (v == null || Boolean.FALSE.equals(v)) return null;
        if (v instanceof Number n) return (Comparable<Object>) (Object) n.doubleValue();
        if (v instanceof Comparable<?> c) return (Comparable<Object>) c;
        return (Comparable<Object>) (Object) String.valueOf(v);
    }

    private static <T extends Comparable<Object>> Comparator<T> nullsLast() {
        return Comparator.nullsLast(Comparator.naturalOrder());
    }

    /** expression.AND: drop empty domains, normalise each, prefix the missing '&'s. */
    @SuppressWarnings("unchecked")
    static List<Object> and(List<Object> domains) {
        List<Object> result = new ArrayList<>();
        int count = 0;
        for (Object d : domains) {
            List<Object> dom = (List<Object>) d;
            if (dom == null || dom.isEmpty()) continue;
            result.addAll(normalize(dom));
            count++;
        }
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < count - 1; i++) out.add("&");
        out.addAll(result);
        return out;
    }

    /** 19 writes a domain that holds nothing as the true leaf (1, '=', 1). */
    static List<Object> orTrueLeaf(List<Object> domain) {
        return domain.isEmpty() ? List.of(List.of(1, "=", 1)) : domain;
    }

    /** Odoo 19's Domain.AND: nested conjunctions are flattened into one list of conditions. */
    @SuppressWarnings("unchecked")
    static List<Object> flatAnd(List<Object> domains) {
        List<Object> items = new ArrayList<>();
        for (Object d : domains) {
            List<Object> dom = (List<Object>) d;
            if (dom == null || dom.isEmpty()) continue;
            List<Object> norm = normalize(dom);
            boolean conjunction = norm.stream().noneMatch(x -> "|".equals(x) || "!".equals(x));
            if (conjunction) {
                for (Object x : norm) if (!"&".equals(x)) items.add(x);
            } else {
                items.add(norm);
            }
        }
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < items.size() - 1; i++) out.add("&");
        for (Object x : items) {
            if (x instanceof List<?> l && !l.isEmpty() && ("|".equals(l.get(0)) || "!".equals(l.get(0)) || "&".equals(l.get(0)))) {
                out.addAll(l);
            } else {
                out.add(x);
            }
        }
        return out;
    }

    /** expression.normalize_domain: add the implicit '&' operators. */
    static List<Object> normalize(List<Object> domain) {
        List<Object> result = new ArrayList<>();
        int expected = 1;
        for (Object token : domain) {
            if (expected == 0) {
                result.add(0, "&");
                expected = 1;
            }
            if ("&".equals(token) || "|".equals(token)) expected += 1;
            else if (!"!".equals(token)) expected -= 1;
            result.add(token);
        }
        return result;
    }

    static boolean same(Object a, Object b) {
        return Objects.equals(a, b);
    }
}
