package io.odoopulse.demo.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Odoo 19's JSON-2 API: POST /json/2/&lt;model&gt;/&lt;method&gt; with "Authorization: bearer &lt;api key&gt;",
 * named arguments in the body, the bare result as response and HTTP statuses for errors.
 */
final class Json2Transport {

    /** @api.model methods: calling them with "ids" is a 422. */
    private static final Set<String> MODEL_METHODS = Set.of("search", "search_read", "search_count", "read_group",
            "formatted_read_group", "fields_get", "create", "name_search", "default_get", "context_get",
            "check_access_rights", "web_search_read");

    private final OdooService service;

    Json2Transport(OdooService service) {
        this.service = service;
    }

    HttpFront.Response handle(HttpFront.Request req) {
        if (!service.flavour.atLeast(OdooFlavour.V19)) return HttpFront.notFound();
        String[] parts = req.path().substring("/json/2/".length()).split("/");
        if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) return HttpFront.notFound();
        String model = parts[0];
        String method = parts[1];
        try {
            if (!"POST".equals(req.method())) {
                throw werkzeug("NotFound", 404, "Did you mean POST /json/2/<model>/<method>?");
            }
            User u = authenticate(req.authorization());
            Map<String, Object> body;
            try {
                Object parsed = req.body().isBlank() ? new LinkedHashMap<>() : Json.parse(req.body());
                if (!(parsed instanceof Map<?, ?>)) throw werkzeug("BadRequest", 400, "the body must be a json object");
                body = Json.parseObject(req.body().isBlank() ? "{}" : req.body());
            } catch (IOException e) {
                throw werkzeug("BadRequest", 400, "could not parse the body as json: " + pythonJsonError(req.body(), e));
            }
            if (!service.db.hasModel(model) && !"res.users".equals(model)) {
                throw werkzeug("NotFound", 404, "the model '" + model + "' does not exist");
            }
            if (method.startsWith("_")) {
                String msg = "Private methods (such as '" + model + "." + method + "') cannot be called remotely.";
                throw new Json2Error(403, new OdooException("odoo.exceptions.AccessError", msg, List.of(msg), ""));
            }
            Map<String, Object> kwargs = new LinkedHashMap<>(body);
            Object ids = kwargs.remove("ids");
            if (ids != null && MODEL_METHODS.contains(method)) {
                throw werkzeug("UnprocessableEntity", 422, "cannot call " + model + "." + method + " with ids");
            }
            List<Object> args = new ArrayList<>();
            if (ids != null) args.add(ids);
            else if (!MODEL_METHODS.contains(method)) args.add(List.of());
            Object result;
            try {
                result = service.callKw(u, model, method, args, kwargs);
            } catch (OdooException e) {
                if ("builtins.AttributeError".equals(e.pyName)) throw werkzeug("NotFound", 404, e.odooMessage);
                if ("builtins.TypeError".equals(e.pyName) && e.odooMessage.contains("got an unexpected keyword argument")) {
                    String m = e.odooMessage.substring(e.odooMessage.indexOf("got an unexpected"));
                    throw werkzeug("UnprocessableEntity", 422, m);
                }
                throw e;
            }
            return HttpFront.Response.json(200, Json.write(result == OdooService.NONE ? null : result));
        } catch (Json2Error e) {
            return HttpFront.Response.json(e.status, Json.write(errorBody(e.error)));
        } catch (OdooException e) {
            int status = switch (e.pyName) {
                case "odoo.exceptions.AccessError" -> 403;
                case "odoo.exceptions.AccessDenied" -> 401;
                case "odoo.exceptions.UserError", "odoo.exceptions.ValidationError", "odoo.exceptions.MissingError" -> 422;
                default -> 500;
            };
            return HttpFront.Response.json(status, Json.write(errorBody(e)));
        }
    }

    private User authenticate(String authorization) {
        if (authorization == null || !authorization.toLowerCase().startsWith("bearer ")) {
            throw werkzeug("Unauthorized", 401, "User not authenticated, use an API Key with a Bearer Authorization header.");
        }
        String key = authorization.substring("bearer ".length()).trim();
        User admin = service.user(2);
        if (admin != null && admin.apiKey() != null && admin.apiKey().equals(key)) return admin;
        throw werkzeug("Unauthorized", 401, "Invalid apikey");
    }

    /** Python's json.JSONDecodeError wording for the common truncated-body case. */
    private static String pythonJsonError(String body, IOException e) {
        int pos = body.length();
        if (e instanceof JsonProcessingException jpe && jpe.getLocation() != null && jpe.getLocation().getCharOffset() >= 0) {
            pos = (int) Math.min(body.length(), jpe.getLocation().getCharOffset());
        }
        int line = 1;
        int col = 1;
        for (int i = 0; i < pos; i++) {
            if (body.charAt(i) == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
        }
        return "Expecting value: line " + line + " column " + col + " (char " + pos + ")";
    }

    private static Map<String, Object> errorBody(OdooException e) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("name", e.pyName);
        d.put("message", e.odooMessage);
        d.put("arguments", e.arguments);
        d.put("context", Map.of());
        d.put("debug", e.traceback());
        return d;
    }

    private static Json2Error werkzeug(String cls, int status, String message) {
        return new Json2Error(status, new OdooException("werkzeug.exceptions." + cls, message, List.of(message, status),
                Tracebacks.frame("addons/rpc/controllers/json2.py", 66, "web_json_2_rpc", "raise " + cls + "(msg)"))
                .withExceptionText(status + " " + FaultInjector.reason(status) + ": " + message));
    }

    /** An error with its HTTP status. */
    private static final class Json2Error extends RuntimeException {
        final int status;
        final OdooException error;

        Json2Error(int status, OdooException error) {
            super(error.getMessage(), null, false, false);
            this.status = status;
            this.error = error;
        }
    }
}
