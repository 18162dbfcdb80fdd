package io.odoopulse.demo.simulator;

/**
 * Builds plausible Python tracebacks for data.debug: clients log them but must never parse them, so only
 * the overall shape (header, frames, final "Class: message" line) matters.
 */
final class Tracebacks {

    private static final String ROOT = "/srv/odoo/";

    private static final String HTTP_FRAMES =
            frame("odoo/http.py", 1788, "_serve_db", "return service_model.retrying(self._serve_ir_http, self.env)")
            + frame("odoo/service/model.py", 152, "retrying", "result = func()")
            + frame("odoo/http.py", 1816, "_serve_ir_http", "response = self.dispatcher.dispatch(rule.endpoint, args)")
            + frame("odoo/http.py", 2020, "dispatch", "result = self.request.registry['ir.http']._dispatch(endpoint)")
            + frame("odoo/addons/base/models/ir_http.py", 221, "_dispatch", "result = endpoint(**request.params)")
            + frame("odoo/http.py", 757, "route_wrapper", "result = endpoint(self, *args, **params_ok)")
            + frame("odoo/addons/base/controllers/rpc.py", 163, "jsonrpc", "return dispatch_rpc(service, method, args)")
            + frame("odoo/http.py", 389, "dispatch_rpc", "return dispatch(method, params)");

    private Tracebacks() {}

    static String frame(String file, int line, String function, String code) {
        return "  File \"" + ROOT + file + "\", line " + line + ", in " + function + "\n    " + code + "\n";
    }

    static String render(OdooException e) {
        String msg = e.exceptionText();
        return "Traceback (most recent call last):\n" + HTTP_FRAMES + e.frames + e.pyName.replace("builtins.", "")
                + ": " + msg + "\n";
    }
}
