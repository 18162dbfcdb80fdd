package io.odoopulse.demo.simulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The RPC services (common, db, object) shared by every transport: authentication, method lookup and
 * Python-style argument binding in front of {@link Orm}.
 */
final class OdooService {

    /** A Python None result: JSON-RPC omits "result", XML-RPC cannot marshal it. */
    static final Object NONE = new Object() {
        @Override public String toString() { return "None"; }
    };

    final SimulatorSettings settings;
    final OdooFlavour flavour;
    final OdooDatabase db;
    final Orm orm;
    private final Map<Integer, User> users = java.util.Collections.synchronizedMap(new LinkedHashMap<>());

    final FaultInjector faults;

    OdooService(SimulatorSettings settings, OdooDatabase db, FaultInjector faults) {
        this.settings = settings;
        this.faults = faults;
        this.flavour = settings.flavour();
        this.db = db;
        this.orm = new Orm(db, flavour);
        List<Integer> companies = db.readLocked(() -> {
            Table t = db.table("res.company");
            List<Integer> ids = new ArrayList<>();
            if (t != null) for (Object[] r : t.rows()) ids.add(Table.id(r));
            // a recorded dataset says in which order its server lists the user's companies
            if (db.userCompanies().size() == ids.size() && ids.containsAll(db.userCompanies())) return db.userCompanies();
            return ids.isEmpty() ? List.of(1) : ids;
        });
        int main = companies.contains(1) ? 1 : companies.get(0);
        users.put(2, new User(2, settings.login(), settings.password(), settings.apiKey(), "Mitchell Admin", 3,
                main, companies, Set.of()));
        // the recorded contract_nosales user was created in the main company only
        users.put(8, new User(8, "contract_nosales", "nosales-17", null, "Contract No-Sales User", 344, main,
                List.of(main), AccessMessages.NO_SALES_DENIED));
        // Recorded and generated data come with the modules of the recorded server (sale, stock, account,
        // website_sale, point_of_sale...): every model of a card-feeding app is there, pos.order empty where the
        // recorded database had no point-of-sale order.
        ServerMeta.installModules(db, flavour);
        if (!db.hasModel("pos.order")) db.writeLocked(() -> {
            db.addModel(ServerMeta.recorded("pos.order", flavour));
            return null;
        });
        // Likewise replenishment rules: no recorded dataset exported them, so they are empty there.
        if (!db.hasModel("stock.warehouse.orderpoint")) db.writeLocked(() -> {
            db.addModel(ServerMeta.recorded("stock.warehouse.orderpoint", flavour));
            return null;
        });
        ServerMeta.installUsers(db, flavour, users.values());
    }

    User user(int uid) { return users.get(uid); }

    /** An administrator grants or takes away companies: the user's allowed companies from the next call on. */
    void setUserCompanies(String login, List<Integer> companyIds) {
        User u = userByLogin(login);
        if (u == null) throw new IllegalArgumentException("no user " + login);
        int main = companyIds.contains(u.companyId()) ? u.companyId() : companyIds.get(0);
        users.put(u.uid(), new User(u.uid(), u.login(), u.password(), u.apiKey(), u.name(), u.partnerId(), main,
                List.copyOf(companyIds), u.deniedModels()));
        if (db.hasModel("res.users")) {
            db.write("res.users", List.of(u.uid()), Map.of("company_ids", List.copyOf(companyIds), "company_id", main));
        }
    }

    User userByLogin(String login) {
        for (User u : users.values()) if (u.login().equals(login)) return u;
        return null;
    }

    // ------------------------------------------------------------------ dispatch

    Object dispatch(String service, String method, List<Object> args) {
        return switch (service) {
            case "common" -> common(method, args);
            case "db" -> dbService(method, args);
            case "object" -> object(method, args);
            default -> throw new OdooException("builtins.KeyError", service, List.of(service),
                    Tracebacks.frame("odoo/http.py", 385, "dispatch_rpc", "dispatch = rpc_dispatchers[service_name]"))
                    .withExceptionText(Py.repr(service));
        };
    }

    private Object common(String method, List<Object> args) {
        return switch (method) {
            case "version" -> version();
            case "login" -> login(arg(args, 0), arg(args, 1), arg(args, 2));
            case "authenticate" -> login(arg(args, 0), arg(args, 1), arg(args, 2));
            case "about" -> "See http://openerp.com";
            default -> throw methodNotFound(method);
        };
    }

    private Object dbService(String method, List<Object> args) {
        return switch (method) {
            case "list" -> {
                if (!settings.listDb()) {
                    throw new OdooException("odoo.exceptions.AccessDenied", "Access Denied", List.of("Access Denied"),
                            Tracebacks.frame("odoo/service/db.py", 446, "exp_list", "raise odoo.exceptions.AccessDenied()"));
                }
                yield List.of(settings.db());
            }
            case "server_version" -> flavour.serverVersion();
            default -> throw methodNotFound(method);
        };
    }

    private static OdooException methodNotFound(String method) {
        return new OdooException("builtins.Exception", "Method not found: " + method,
                List.of("Method not found: " + method),
                Tracebacks.frame("odoo/service/common.py", 60, "dispatch", "raise Exception(\"Method not found: %s\" % method)"));
    }

    Map<String, Object> version() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("server_version", flavour.serverVersion());
        v.put("server_version_info", flavour.serverVersionInfo());
        v.put("server_serie", flavour.serverSerie());
        v.put("protocol_version", 1);
        return v;
    }

    private static String arg(List<Object> args, int i) {
        Object v = i < args.size() ? args.get(i) : null;
        return v == null ? null : String.valueOf(v);
    }

    void checkDb(String dbName) {
        if (!settings.db().equals(dbName)) {
            String msg = "connection to server on socket \"/var/run/postgresql/.s.PGSQL.5432\" failed: FATAL:  database \""
                    + dbName + "\" does not exist\n";
            throw new OdooException("psycopg2.OperationalError", msg, List.of(msg),
                    Tracebacks.frame("odoo/sql_db.py", 694, "borrow", "result = psycopg2.connect("));
        }
    }

    /** common.login/authenticate: uid on success, false otherwise (no error object). */
    Object login(String dbName, String login, String password) {
        checkDb(dbName);
        User u = login == null ? null : userByLogin(login);
        return u != null && u.acceptsPassword(password) ? (Object) u.uid() : Boolean.FALSE;
    }

    /** security.check as execute_kw runs it: unknown uid is a MissingError, a bad password AccessDenied. */
    User checkUser(String dbName, Object uidObj, Object password) {
        checkDb(dbName);
        int uid = uidObj instanceof Number n ? n.intValue() : -1;
        User u = users.get(uid);
        if (u == null) {
            String msg = "Record does not exist or has been deleted.\n(Record: res.users(" + uid + ",), User: " + uid + ")";
            throw OdooException.missing(msg);
        }
        if (!u.acceptsPassword(password == null ? null : String.valueOf(password))) throw OdooException.accessDenied();
        return u;
    }

    @SuppressWarnings("unchecked")
    private Object object(String method, List<Object> args) {
        if (!"execute_kw".equals(method) && !"execute".equals(method)) throw methodNotFound(method);
        if (args.size() < 5) {
            throw OdooException.typeError("execute_kw() missing required positional arguments");
        }
        User u = checkUser(String.valueOf(args.get(0)), args.get(1), args.get(2));
        String model = String.valueOf(args.get(3));
        String m = String.valueOf(args.get(4));
        List<Object> margs;
        Map<String, Object> kwargs;
        if ("execute_kw".equals(method)) {
            margs = args.size() > 5 && args.get(5) instanceof List<?> l ? (List<Object>) l : List.of();
            kwargs = args.size() > 6 && args.get(6) instanceof Map<?, ?> k ? (Map<String, Object>) k : Map.of();
        } else {
            margs = new ArrayList<>(args.subList(5, args.size()));
            kwargs = Map.of();
        }
        return callKw(u, model, m, margs, kwargs);
    }

    /** call_kw: the model-method dispatch shared by /jsonrpc, /xmlrpc, /web/dataset/call_kw and /json/2. */
    Object callKw(User u, String model, String method, List<Object> args, Map<String, Object> kwargs) {
        if (method.startsWith("_")) {
            // 16 names the bare method; 17+ qualify it with the model
            String msg = flavour == OdooFlavour.V16
                    ? "Private methods (such as " + method + ") cannot be called remotely."
                    : "Private methods (such as '" + model + "." + method + "') cannot be called remotely.";
            throw new OdooException("odoo.exceptions.AccessError", msg, List.of(msg),
                    Tracebacks.frame("odoo/service/model.py", 60, "execute_kw", "check_method_name(method)"));
        }
        if ("res.users.apikeys.description".equals(model) && "make_key".equals(method)) {
            // @check_identity needs an HTTP request, which RPC dispatch does not have
            throw OdooException.userError("This method can only be accessed over HTTP");
        }
        if (!db.hasModel(model) && !"res.users".equals(model)) {
            String msg = "Object " + model + " doesn't exist";
            throw OdooException.userError(msg);
        }
        ModelMethods methods = new ModelMethods(this, u);
        return methods.call(model, method, args, kwargs);
    }
}
