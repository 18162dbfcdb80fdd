package io.odoopulse.demo.simulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The public model methods, with Python's argument binding rules and Odoo's error wording. */
final class ModelMethods {

    private final OdooService service;
    private final Orm orm;
    private final OdooFlavour flavour;
    private final User user;

    ModelMethods(OdooService service, User user) {
        this.service = service;
        this.orm = service.orm;
        this.flavour = service.flavour;
        this.user = user;
    }

    /** A Python signature: parameter names and default values (NO_DEFAULT when required). */
    private record Sig(String qualname, List<String> names, List<Object> defaults, String kwargsOwner) {}

    private static final Object NO_DEFAULT = new Object();

    private static Sig sig(String qualname, Object... nameDefaultPairs) {
        List<String> names = new ArrayList<>();
        List<Object> defaults = new ArrayList<>();
        for (int i = 0; i < nameDefaultPairs.length; i += 2) {
            names.add((String) nameDefaultPairs[i]);
            defaults.add(nameDefaultPairs[i + 1]);
        }
        return new Sig(qualname, names, defaults, null);
    }

    /** Binds like CPython: positional first, then keywords; reports the first problem the way Python does. */
    private static Map<String, Object> bind(Sig sig, List<Object> args, Map<String, Object> kwargs, String extraOwner) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (args.size() > sig.names().size()) {
            throw OdooException.typeError(sig.qualname() + "() takes from 1 to " + (sig.names().size() + 1)
                    + " positional arguments but " + (args.size() + 1) + " were given");
        }
        for (int i = 0; i < args.size(); i++) out.put(sig.names().get(i), args.get(i));
        for (Map.Entry<String, Object> e : kwargs.entrySet()) {
            if ("context".equals(e.getKey())) continue;
            if (!sig.names().contains(e.getKey())) {
                if (extraOwner != null && "load".equals(e.getKey())) continue;
                String owner = extraOwner != null ? extraOwner : sig.qualname();
                throw OdooException.typeError(owner + "() got an unexpected keyword argument '" + e.getKey() + "'");
            }
            if (out.containsKey(e.getKey())) {
                throw OdooException.typeError(sig.qualname() + "() got multiple values for argument '" + e.getKey() + "'");
            }
            out.put(e.getKey(), e.getValue());
        }
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < sig.names().size(); i++) {
            String n = sig.names().get(i);
            if (!out.containsKey(n)) {
                if (sig.defaults().get(i) == NO_DEFAULT) missing.add(n);
                else out.put(n, sig.defaults().get(i));
            }
        }
        if (!missing.isEmpty()) {
            throw OdooException.typeError(sig.qualname() + "() missing " + missing.size() + " required positional argument"
                    + (missing.size() > 1 ? "s" : "") + ": " + pyNames(missing));
        }
        return out;
    }

    private static String pyNames(List<String> names) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) sb.append(i == names.size() - 1 ? (names.size() > 2 ? ", and " : " and ") : ", ");
            sb.append('\'').append(names.get(i)).append('\'');
        }
        return sb.toString();
    }

    @SuppressWarnings("unchecked")
    Object call(String model, String method, List<Object> args, Map<String, Object> kwargs) {
        Map<String, Object> ctx = kwargs.get("context") instanceof Map<?, ?> c ? (Map<String, Object>) c : Map.of();
        Env env = new Env(user, ctx);
        // Odoo's env.companies: a context naming a company the user may not switch to is refused outright.
        if (!user.companyIds().containsAll(env.allowedCompanies())) {
            throw OdooException.accessError("Access to unauthorized or invalid companies.");
        }
        if ("res.users".equals(model) && (!service.db.hasModel(model) || "context_get".equals(method)
                || "create".equals(method))) {
            return resUsers(env, method, args, kwargs);
        }
        switch (method) {
            case "search_read" -> {
                checkAccess(model, "read");
                service.faults.fireSearchHooks(model, service.db);
                Map<String, Object> a = bind(sig("BaseModel.search_read", "domain", null, "fields", null, "offset", 0,
                        "limit", null, "order", null), args, kwargs,
                        flavour == OdooFlavour.V16 ? "BaseModel.read" : "BaseModel._read_format");
                return orm.searchRead(env, model, domain(a.get("domain")), strings(a.get("fields")), offset(a.get("offset")),
                        limit(model, a.get("limit"), a.get("order")), order(a.get("order")));
            }
            case "search" -> {
                checkAccess(model, "read");
                service.faults.fireSearchHooks(model, service.db);
                Map<String, Object> a = flavour == OdooFlavour.V16
                        ? bind(sig("BaseModel.search", "domain", NO_DEFAULT, "offset", 0, "limit", null, "order", null,
                        "count", false), args, kwargs, null)
                        : bind(sig("BaseModel.search", "domain", NO_DEFAULT, "offset", 0, "limit", null, "order", null),
                        args, kwargs, null);
                if (Py.truthy(a.get("count"))) return orm.searchCount(env, model, domain(a.get("domain")), null);
                return orm.search(env, model, domain(a.get("domain")), offset(a.get("offset")),
                        limit(model, a.get("limit"), a.get("order")), order(a.get("order")));
            }
            case "search_count" -> {
                checkAccess(model, "read");
                service.faults.fireSearchHooks(model, service.db);
                Map<String, Object> a = bind(sig("BaseModel.search_count", "domain", NO_DEFAULT, "limit", null),
                        args, kwargs, null);
                service.faults.fireCountHooks(model, a.get("domain") instanceof List<?> d ? d : List.of());
                return orm.searchCount(env, model, domain(a.get("domain")), limit(model, a.get("limit"), null));
            }
            case "read" -> {
                checkAccess(model, "read");
                Map<String, Object> a = bind(sig("BaseModel.read", "ids", NO_DEFAULT, "fields", null, "load", "_classic_read"),
                        args, kwargs, null);
                return orm.read(env, model, Domain.ids(a.get("ids")), strings(a.get("fields")));
            }
            case "fields_get" -> {
                Map<String, Object> a = bind(sig("BaseModel.fields_get", "allfields", null, "attributes", null),
                        args, kwargs, null);
                return orm.fieldsGet(env, model, strings(a.get("allfields")), strings(a.get("attributes")));
            }
            case "check_access_rights" -> {
                Map<String, Object> a = bind(sig("BaseModel.check_access_rights", "operation", NO_DEFAULT,
                        "raise_exception", true), args, kwargs, null);
                boolean ok = !user.deniedModels().contains(model);
                if (!ok && Py.truthy(a.get("raise_exception"))) checkAccess(model, String.valueOf(a.get("operation")));
                return ok;
            }
            case "read_group" -> {
                checkAccess(model, "read");
                Map<String, Object> a = bind(sig("BaseModel.read_group", "domain", NO_DEFAULT, "fields", NO_DEFAULT,
                        "groupby", NO_DEFAULT, "offset", 0, "limit", null, "orderby", false, "lazy", true), args, kwargs, null);
                return new ReadGroup(orm, env).readGroup(model, domain(a.get("domain")), strings(a.get("fields")),
                        groupbys(a.get("groupby")), offset(a.get("offset")), limit(model, a.get("limit"), null),
                        a.get("orderby") instanceof String s ? s : null, Py.truthy(a.get("lazy")));
            }
            case "formatted_read_group" -> {
                if (!flavour.atLeast(OdooFlavour.V19)) throw unknownMethod(model, method);
                checkAccess(model, "read");
                Map<String, Object> a = bind(sig("BaseModel.formatted_read_group", "domain", NO_DEFAULT, "groupby", List.of(),
                        "aggregates", List.of(), "having", List.of(), "offset", 0, "limit", null, "order", null), args, kwargs, null);
                return new ReadGroup(orm, env).formattedReadGroup(model, domain(a.get("domain")), groupbys(a.get("groupby")),
                        groupbys(a.get("aggregates")), order(a.get("order")), limit(model, a.get("limit"), null),
                        offset(a.get("offset")));
            }
            case "create" -> {
                checkAccess(model, "create");
                Map<String, Object> a = bind(sig("BaseModel.create", "vals_list", NO_DEFAULT), args, kwargs, null);
                return new Writes(service, env).create(model, a.get("vals_list"));
            }
            case "write" -> {
                checkAccess(model, "write");
                Map<String, Object> a = bind(sig("BaseModel.write", "ids", NO_DEFAULT, "vals", NO_DEFAULT), args, kwargs, null);
                new Writes(service, env).write(model, Domain.ids(a.get("ids")), (Map<String, Object>) a.get("vals"));
                return true;
            }
            case "unlink" -> {
                checkAccess(model, "unlink");
                Map<String, Object> a = bind(sig("BaseModel.unlink", "ids", NO_DEFAULT), args, kwargs, null);
                service.db.unlink(model, Domain.ids(a.get("ids")));
                return true;
            }
            case "name_search" -> {
                checkAccess(model, "read");
                Map<String, Object> a = bind(sig("BaseModel.name_search", "name", "", "args", null, "operator", "ilike",
                        "limit", 100), args, kwargs, null);
                return nameSearch(env, model, a);
            }
            case "name_get" -> {
                if (flavour.atLeast(OdooFlavour.V18)) throw unknownMethod(model, method);
                checkAccess(model, "read");
                Map<String, Object> a = bind(sig("BaseModel.name_get", "ids", NO_DEFAULT), args, kwargs, null);
                List<Object> out = new ArrayList<>();
                for (Map<String, Object> r : orm.read(env, model, Domain.ids(a.get("ids")), List.of("display_name"))) {
                    out.add(List.of(r.get("id"), r.get("display_name")));
                }
                return out;
            }
            case "default_get" -> {
                bind(sig("BaseModel.default_get", "fields_list", NO_DEFAULT), args, kwargs, null);
                return new LinkedHashMap<String, Object>();
            }
            case "exists" -> {
                Map<String, Object> a = bind(sig("BaseModel.exists", "ids", NO_DEFAULT), args, kwargs, null);
                List<Object> out = new ArrayList<>();
                for (Map<String, Object> r : orm.read(env, model, Domain.ids(a.get("ids")), List.of("id"))) out.add(r.get("id"));
                return out;
            }
            default -> {
                Object r = new Writes(service, env).action(model, method, args, kwargs);
                if (r == null) throw unknownMethod(model, method);
                return r;
            }
        }
    }

    private OdooException unknownMethod(String model, String method) {
        if (flavour == OdooFlavour.V16) {
            // 16's call_kw looks the method up with a bare getattr on the model class
            String msg = "type object '" + model + "' has no attribute '" + method + "'";
            return new OdooException("builtins.AttributeError", msg, List.of(msg),
                    Tracebacks.frame("odoo/api.py", 459, "call_kw", "method = getattr(type(model), name)"));
        }
        String msg = "The method '" + model + "." + method + "' does not exist";
        return new OdooException("builtins.AttributeError", msg, List.of(msg),
                Tracebacks.frame("odoo/api.py", 461, "get_public_method", "raise AttributeError(f\"The method '{model._name}.{name}' does not exist\")"));
    }

    private Object resUsers(Env env, String method, List<Object> args, Map<String, Object> kwargs) {
        return switch (method) {
            case "context_get" -> {
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("lang", "en_US");
                c.put("tz", "Europe/Brussels");
                c.put("uid", user.uid());
                yield c;
            }
            case "check_access_rights" -> true;
            case "search_read", "read", "search" -> List.of();
            case "search_count" -> 0;
            case "create" -> {
                // user creation is not modelled: contract_nosales (uid 8) exists from the start
                String msg = "You can not have two users with the same login!";
                throw new OdooException("odoo.exceptions.ValidationError", msg, List.of(msg), "");
            }
            default -> throw unknownMethod("res.users", method);
        };
    }

    private Object nameSearch(Env env, String model, Map<String, Object> a) {
        List<Object> dom = new ArrayList<>(domain(a.get("args")));
        String name = a.get("name") == null ? "" : String.valueOf(a.get("name"));
        Table t = service.db.table(model);
        String field = t.meta.has("complete_name") ? "complete_name" : t.meta.has("name") ? "name" : "display_name";
        if (!name.isEmpty()) dom.add(List.of(field, String.valueOf(a.get("operator")), name));
        List<Integer> ids = orm.search(env, model, dom, 0, a.get("limit") instanceof Number n ? n.intValue() : null, null);
        List<Object> out = new ArrayList<>();
        for (Map<String, Object> r : orm.read(env, model, ids, List.of("display_name"))) {
            out.add(List.of(r.get("id"), r.get("display_name")));
        }
        return out;
    }

    void checkAccess(String model, String operation) {
        if (user.deniedModels().contains(model)) {
            String msg = AccessMessages.message(flavour, model, operation);
            throw new OdooException("odoo.exceptions.AccessError", msg, List.of(msg),
                    Tracebacks.frame("odoo/addons/base/models/ir_model.py", 2090, "check", "raise AccessError(msg) from None"));
        }
    }

    // ------------------------------------------------------------------ argument coercion

    static List<Object> domain(Object v) {
        if (v == null || Boolean.FALSE.equals(v)) return List.of();
        if (v instanceof List<?> l) return new ArrayList<>(l);
        throw OdooException.valueError("Invalid domain " + Py.repr(v));
    }

    @SuppressWarnings("unchecked")
    static List<String> strings(Object v) {
        if (v == null || Boolean.FALSE.equals(v)) return null;
        if (v instanceof String s) return List.of(s);
        if (v instanceof List<?> l) {
            List<String> out = new ArrayList<>();
            for (Object o : l) out.add(String.valueOf(o));
            return out;
        }
        return null;
    }

    static List<String> groupbys(Object v) {
        List<String> s = strings(v);
        return s == null ? List.of() : s;
    }

    static int offset(Object v) {
        return v instanceof Number n ? n.intValue() : 0;
    }

    static String order(Object v) {
        return v instanceof String s && !s.isBlank() ? s : null;
    }

    /** A non-integer limit reaches PostgreSQL as text, which rejects it after building the ORDER BY. */
    Integer limit(String model, Object v, Object order) {
        if (v == null || Boolean.FALSE.equals(v)) return null;
        // Odoo tests the limit for truth: 0 means no limit.
        if (v instanceof Number n) return n.intValue() == 0 ? null : n.intValue();
        if (flavour == OdooFlavour.V16) {
            // 16 formats LIMIT with %d before PostgreSQL sees it
            throw OdooException.typeError("%d format: a real number is required, not " + Py.typeName(v));
        }
        String table = model.replace('.', '_');
        String text = String.valueOf(v);
        String orderSql = "\"" + table + "\".\"date_order\" DESC , \"" + table + "\".\"id\" DESC";
        String line = orderSql + "  LIMIT '" + text + "'";
        String shown = line.length() > 60 ? "..." + line.substring(line.length() - 60) : line;
        int caret = "LINE 1: ".length() + shown.length() - text.length() - 2;
        String msg = "invalid input syntax for type bigint: \"" + text + "\"\nLINE 1: " + shown + "\n"
                + " ".repeat(caret) + "^\n";
        throw new OdooException("psycopg2.errors.InvalidTextRepresentation", msg, List.of(msg),
                Tracebacks.frame("odoo/sql_db.py", 332, "execute", "res = self._obj.execute(query, params)"));
    }
}
