package io.odoopulse.demo.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The web client's routes: /web/session/authenticate (issues a session_id cookie), get_session_info,
 * /web/dataset/call_kw[/model/method], /web/webclient/version_info and Odoo 19's GET /web/version.
 */
final class WebTransport {

    /** A logged-in browser session; dies when the injector's session generation moves on. */
    private record Session(int uid, int generation) {}

    private final OdooService service;
    private final FaultInjector faults;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Object> sessionInfoTemplate;

    WebTransport(OdooService service, FaultInjector faults) {
        this.service = service;
        this.faults = faults;
        String name = "io/odoopulse/demo/simulator/meta/" + service.flavour.serverSerie() + "/session-info.json";
        try (InputStream in = WebTransport.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) throw new IOException("missing " + name);
            sessionInfoTemplate = Json.parseObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    HttpFront.Response handle(HttpFront.Request req) {
        String p = req.path();
        if ("/web/version".equals(p) && service.flavour.atLeast(OdooFlavour.V19)) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("version_info", service.flavour.serverVersionInfo());
            v.put("version", service.flavour.serverVersion());
            return HttpFront.Response.json(200, Json.write(v));
        }
        boolean known = p.equals("/web/session/authenticate") || p.equals("/web/session/get_session_info")
                || p.equals("/web/session/destroy") || p.equals("/web/webclient/version_info")
                || p.equals("/web/dataset/call_kw") || p.startsWith("/web/dataset/call_kw/");
        if (!known) return HttpFront.notFound();
        if (!"POST".equals(req.method()) || !JsonRpcTransport.isJson(req.contentType())) {
            return JsonRpcTransport.wrongType(service.flavour, req);
        }
        Map<String, Object> msg;
        try {
            Object parsed = Json.parse(req.body());
            if (!(parsed instanceof Map<?, ?>)) return HttpFront.Response.text(400, "text/html; charset=utf-8", "Invalid JSON-RPC data");
            msg = Json.parseObject(req.body());
        } catch (IOException e) {
            return JsonRpcTransport.invalidJson();
        }
        Object id = msg.get("id");
        @SuppressWarnings("unchecked")
        Map<String, Object> params = msg.get("params") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        try {
            if (p.equals("/web/webclient/version_info")) {
                return HttpFront.Response.json(200, JsonRpcTransport.result(id, service.version()));
            }
            if (p.equals("/web/session/authenticate")) return authenticate(id, params);
            String sid = req.cookies().get("session_id");
            Session s = sid == null ? null : sessions.get(sid);
            if (s == null || s.generation() != faults.sessionGeneration()) {
                if (sid != null) sessions.remove(sid);
                // Odoo rejects the request before reading its id
                return HttpFront.Response.json(200, JsonRpcTransport.sessionExpired(service.flavour, null));
            }
            User u = service.user(s.uid());
            if (p.equals("/web/session/get_session_info")) {
                return HttpFront.Response.json(200, JsonRpcTransport.result(id, sessionInfo(u, req)));
            }
            if (p.equals("/web/session/destroy")) {
                sessions.remove(sid);
                return HttpFront.Response.json(200, JsonRpcTransport.result(id, OdooService.NONE));
            }
            return HttpFront.Response.json(200, JsonRpcTransport.result(id, callKw(u, params)));
        } catch (OdooException e) {
            return HttpFront.Response.json(200, JsonRpcTransport.error(service.flavour, id, e));
        }
    }

    @SuppressWarnings("unchecked")
    private Object callKw(User u, Map<String, Object> params) {
        String model = String.valueOf(params.get("model"));
        String method = String.valueOf(params.get("method"));
        List<Object> args = params.get("args") instanceof List<?> l ? (List<Object>) l : List.of();
        Map<String, Object> kwargs = params.get("kwargs") instanceof Map<?, ?> k ? (Map<String, Object>) k : Map.of();
        return service.callKw(u, model, method, args, kwargs);
    }

    private HttpFront.Response authenticate(Object id, Map<String, Object> params) {
        String db = params.get("db") == null ? service.settings.db() : String.valueOf(params.get("db"));
        service.checkDb(db);
        User u = service.userByLogin(String.valueOf(params.get("login")));
        String password = String.valueOf(params.get("password"));
        // interactive logins check the password only: API keys are refused here
        if (u == null || !password.equals(u.password())) throw OdooException.accessDenied();
        byte[] raw = new byte[30];
        random.nextBytes(raw);
        String sid = HexFormat.of().formatHex(raw).substring(0, 40);
        sessions.put(sid, new Session(u.uid(), faults.sessionGeneration()));
        return HttpFront.Response.json(200, JsonRpcTransport.result(id, sessionInfo(u, null)))
                .withHeader("Set-Cookie", "session_id=" + sid + "; Max-Age=604800; HttpOnly; Path=/; SameSite=Lax");
    }

    /** The recorded session info of this version with the user, database and company/currency data filled in. */
    private Map<String, Object> sessionInfo(User u, HttpFront.Request req) {
        @SuppressWarnings("unchecked")
        Map<String, Object> info = (Map<String, Object>) OdooDatabase.copy(sessionInfoTemplate);
        info.put("uid", u.uid());
        info.put("is_system", u.admin());
        info.put("is_admin", u.admin());
        info.put("db", service.settings.db());
        info.put("server_version", service.flavour.serverVersion());
        info.put("server_version_info", service.flavour.serverVersionInfo());
        info.put("name", u.name());
        info.put("username", u.login());
        info.put("partner_id", u.partnerId());
        info.put("web.base.url", "http://" + service.settings.host() + ":" + service.settings.port());
        Map<String, Object> ctx = new LinkedHashMap<>();
        ctx.put("lang", "en_US");
        ctx.put("tz", "Europe/Brussels");
        ctx.put("uid", u.uid());
        info.put("user_context", ctx);
        service.db.readLocked(() -> {
            Table cur = service.db.table("res.currency");
            if (cur != null) {
                Map<String, Object> currencies = new LinkedHashMap<>();
                for (Object[] row : cur.rows()) {
                    if (!Boolean.TRUE.equals(cur.raw(row, "active"))) continue;
                    Map<String, Object> c = new LinkedHashMap<>();
                    if (service.flavour.atLeast(OdooFlavour.V19)) c.put("name", cur.raw(row, "name"));
                    c.put("symbol", cur.raw(row, "symbol"));
                    c.put("position", cur.raw(row, "position"));
                    c.put("digits", List.of(69, cur.raw(row, "decimal_places") instanceof Number n ? n.intValue() : 2));
                    currencies.put(String.valueOf(Table.id(row)), c);
                }
                info.put("currencies", currencies);
            }
            Table comp = service.db.table("res.company");
            if (comp != null && info.get("user_companies") instanceof Map<?, ?>) {
                Map<String, Object> allowed = new LinkedHashMap<>();
                for (Object[] row : comp.rows()) {
                    if (!u.companyIds().contains(Table.id(row))) continue;
                    Map<String, Object> c = new LinkedHashMap<>();
                    c.put("id", Table.id(row));
                    c.put("name", comp.raw(row, "name"));
                    c.put("sequence", comp.raw(row, "sequence"));
                    if (service.flavour.atLeast(OdooFlavour.V17)) { // 16 lists id, name and sequence only
                        c.put("child_ids", List.of());
                        c.put("parent_id", false);
                    }
                    if (service.flavour.atLeast(OdooFlavour.V19)) {
                        List<Integer> cid = Domain.ids(comp.raw(row, "currency_id"));
                        c.put("currency_id", cid.isEmpty() ? false : cid.get(0));
                    }
                    allowed.put(String.valueOf(Table.id(row)), c);
                }
                Map<String, Object> uc = new LinkedHashMap<>();
                uc.put("current_company", u.companyId());
                uc.put("allowed_companies", allowed);
                if (service.flavour.atLeast(OdooFlavour.V17)) uc.put("disallowed_ancestor_companies", Map.of());
                info.put("user_companies", uc);
                if (info.containsKey("company_id")) info.put("company_id", uc.get("current_company")); // 16 only
            }
            return null;
        });
        return info;
    }
}
