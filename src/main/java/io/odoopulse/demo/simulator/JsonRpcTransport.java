package io.odoopulse.demo.simulator;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** POST /jsonrpc: Odoo's type='json' route with its HTTP-level 400s and JSON-RPC error objects. */
final class JsonRpcTransport {

    private final OdooService service;

    JsonRpcTransport(OdooService service) {
        this.service = service;
    }

    HttpFront.Response handle(HttpFront.Request req) {
        if (!"POST".equals(req.method()) || !isJson(req.contentType())) return wrongType(service.flavour, req);
        Object parsed;
        try {
            if (req.body().isBlank()) return invalidJson();
            parsed = Json.parse(req.body());
        } catch (IOException e) {
            return invalidJson();
        }
        if (!(parsed instanceof Map<?, ?> msg)) {
            return HttpFront.Response.text(400, "text/html; charset=utf-8", "Invalid JSON-RPC data");
        }
        Object id = msg.get("id");
        try {
            Object result = call(msg.get("params"));
            return HttpFront.Response.json(200, result(id, result));
        } catch (OdooException e) {
            return HttpFront.Response.json(200, error(service.flavour, id, e));
        }
    }

    static boolean isJson(String contentType) {
        return contentType != null && contentType.toLowerCase().startsWith("application/json");
    }

    static HttpFront.Response invalidJson() {
        return HttpFront.Response.text(400, "text/html; charset=utf-8", "Invalid JSON data");
    }

    /** Werkzeug's page for a non-JSON request on a type='json' route (415 from Odoo 19 on). */
    static HttpFront.Response wrongType(OdooFlavour f, HttpFront.Request req) {
        String path = req.path();
        if (f.atLeast(OdooFlavour.V19)) {
            String compatible = "GET".equals(req.method()) ? "[&#39;http&#39;, &#39;json2&#39;]" : "[&#39;http&#39;]";
            return HttpFront.Response.text(415, "text/html; charset=utf-8", "<!doctype html>\n<html lang=en>\n"
                    + "<title>415 Unsupported Media Type</title>\n<h1>Unsupported Media Type</h1>\n"
                    + "<p>Request inferred type is compatible with " + compatible + " but &#39;" + path
                    + "&#39; is type=&#39;jsonrpc&#39;.<br><br>Please verify the Content-Type request header and try again.</p>\n");
        }
        return HttpFront.Response.text(400, "text/html; charset=utf-8", "<!doctype html>\n<html lang=en>\n"
                + "<title>400 Bad Request</title>\n<h1>Bad Request</h1>\n<p>Request inferred type is compatible with "
                + "[&#39;http&#39;] but &#39;" + path + "&#39; is type=&#39;json&#39;.</p>\n");
    }

    @SuppressWarnings("unchecked")
    private Object call(Object params) {
        String qual = service.flavour.atLeast(OdooFlavour.V19) ? "JSONRPC.jsonrpc" : "RPC.jsonrpc";
        if (params instanceof List<?> l) {
            int len = l.isEmpty() ? 0 : l.get(0) instanceof String s ? s.length() : l.get(0) instanceof List<?> x ? x.size() : 1;
            String m = "dictionary update sequence element #0 has length " + len + "; 2 is required";
            throw new OdooException("builtins.ValueError", m, List.of(m), Tracebacks.frame("odoo/http.py", 2010, "dispatch",
                    "self.request.params = dict(self.jsonrequest.get('params', {}), **args)"));
        }
        Map<String, Object> p = params instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        List<String> missing = new ArrayList<>();
        for (String k : List.of("service", "method", "args")) if (!p.containsKey(k)) missing.add(k);
        if (!missing.isEmpty()) {
            StringBuilder names = new StringBuilder();
            for (int i = 0; i < missing.size(); i++) {
                if (i > 0) names.append(i == missing.size() - 1 ? (missing.size() > 2 ? ", and " : " and ") : ", ");
                names.append('\'').append(missing.get(i)).append('\'');
            }
            String m = qual + "() missing " + missing.size() + " required positional argument" + (missing.size() > 1 ? "s" : "")
                    + ": " + names;
            throw new OdooException("builtins.TypeError", m, List.of(m),
                    Tracebacks.frame("odoo/http.py", 757, "route_wrapper", "result = endpoint(self, *args, **params_ok)"));
        }
        Object args = p.get("args");
        List<Object> argList = args instanceof List<?> l ? (List<Object>) l : List.of();
        return service.dispatch(String.valueOf(p.get("service")), String.valueOf(p.get("method")), argList);
    }

    static String result(Object id, Object result) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("jsonrpc", "2.0");
        out.put("id", id);
        if (result != OdooService.NONE) out.put("result", result);
        return Json.write(out);
    }

    static String error(OdooFlavour f, Object id, OdooException e) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("jsonrpc", "2.0");
        out.put("id", id);
        Map<String, Object> err = new LinkedHashMap<>();
        err.put("code", f.atLeast(OdooFlavour.V19) ? 0 : 200);
        err.put("message", "Odoo Server Error");
        err.put("data", errorData(f, e));
        out.put("error", err);
        return Json.write(out);
    }

    /** data of an error object; key order as each version's serialize_exception builds it. */
    static Map<String, Object> errorData(OdooFlavour f, OdooException e) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("name", e.pyName);
        if (!f.atLeast(OdooFlavour.V19)) d.put("debug", e.traceback());
        d.put("message", e.odooMessage);
        d.put("arguments", e.arguments);
        d.put("context", Map.of());
        if (f.atLeast(OdooFlavour.V19)) {
            // 19 no longer leaks the traceback of a failed authentication
            boolean denied = "odoo.exceptions.AccessDenied".equals(e.pyName);
            d.put("debug", denied ? e.pyName + ": " + e.odooMessage + "\n" : e.traceback());
        }
        return d;
    }

    static String sessionExpired(OdooFlavour f, Object id) {
        OdooException e = new OdooException("odoo.http.SessionExpiredException", "Session expired",
                List.of("Session expired"), Tracebacks.frame("odoo/http.py", 1620, "_check_session",
                "raise SessionExpiredException(\"Session expired\")"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("jsonrpc", "2.0");
        out.put("id", id);
        Map<String, Object> err = new LinkedHashMap<>();
        err.put("code", 100);
        err.put("message", "Odoo Session Expired");
        err.put("data", errorData(f, e));
        out.put("error", err);
        return Json.write(out);
    }
}
