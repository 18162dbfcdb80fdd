package io.odoopulse.demo.simulator;

import java.util.List;

/**
 * A Python exception as Odoo would raise it; rendered as a JSON-RPC error object, an XML-RPC fault or a
 * JSON-2 error body by the transports.
 */
final class OdooException extends RuntimeException {

    /** Fully-qualified Python class, e.g. "odoo.exceptions.AccessDenied". */
    final String pyName;
    final String odooMessage;
    final List<Object> arguments;
    /** Innermost traceback frames (after the common HTTP dispatch frames), already formatted. */
    final String frames;
    /** What the traceback's last line shows after "Class: " when it differs from the message (KeyError repr). */
    private String exceptionText;

    OdooException(String pyName, String message, List<Object> arguments, String frames) {
        super(pyName + ": " + message);
        this.pyName = pyName;
        this.odooMessage = message;
        this.arguments = arguments;
        this.frames = frames == null ? "" : frames;
    }

    OdooException(String pyName, String message) {
        this(pyName, message, List.of(message), "");
    }

    static OdooException accessDenied() {
        return new OdooException("odoo.exceptions.AccessDenied", "Access Denied", List.of("Access Denied"),
                Tracebacks.frame("odoo/service/model.py", 47, "dispatch", "security.check(db, uid, passwd)")
                        + Tracebacks.frame("odoo/addons/base/models/res_users.py", 2146, "_check_credentials",
                        "raise AccessDenied()"));
    }

    static OdooException accessError(String message) {
        return new OdooException("odoo.exceptions.AccessError", message, List.of(message),
                Tracebacks.frame("odoo/models.py", 4011, "check_access_rights", "raise AccessError(msg)"));
    }

    static OdooException userError(String message) {
        return new OdooException("odoo.exceptions.UserError", message, List.of(message),
                Tracebacks.frame("odoo/service/model.py", 62, "execute_kw", "raise UserError(msg)"));
    }

    static OdooException valueError(String message) {
        return new OdooException("builtins.ValueError", message, List.of(message),
                Tracebacks.frame("odoo/models.py", 1500, "search", "raise ValueError(msg)"));
    }

    static OdooException typeError(String message) {
        return new OdooException("builtins.TypeError", message, List.of(message),
                Tracebacks.frame("odoo/service/model.py", 69, "execute_kw", "return method(*args, **kwargs)"));
    }

    static OdooException missing(String message) {
        return new OdooException("odoo.exceptions.MissingError", message, List.of(message),
                Tracebacks.frame("odoo/models.py", 3200, "_check_missing", "raise MissingError(msg)"));
    }

    OdooException withExceptionText(String text) {
        this.exceptionText = text;
        return this;
    }

    String exceptionText() {
        return exceptionText != null ? exceptionText : odooMessage;
    }

    /** Short exception class name as Python prints it in the last traceback line. */
    String shortName() {
        return pyName.startsWith("builtins.") ? pyName.substring("builtins.".length()) : pyName;
    }

    /** XML-RPC fault code as odoo/addons/base/controllers/rpc.py maps exception classes. */
    int faultCode() {
        return switch (pyName) {
            case "odoo.exceptions.UserError", "odoo.exceptions.MissingError", "odoo.exceptions.ValidationError",
                    "odoo.exceptions.RedirectWarning" -> 2;
            case "odoo.exceptions.AccessDenied" -> 3;
            case "odoo.exceptions.AccessError" -> 4;
            default -> 1;
        };
    }

    String traceback() {
        return Tracebacks.render(this);
    }
}
