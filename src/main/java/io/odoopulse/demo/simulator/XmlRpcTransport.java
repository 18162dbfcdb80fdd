package io.odoopulse.demo.simulator;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXParseException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * /xmlrpc/2/{common,object,db} and the legacy /xmlrpc/{common,object,db}: Python xmlrpc.client's wire format
 * and Odoo's fault mapping (integer codes on /2/, string codes on the legacy routes).
 */
final class XmlRpcTransport {

    private final OdooService service;

    XmlRpcTransport(OdooService service) {
        this.service = service;
    }

    HttpFront.Response handle(HttpFront.Request req) {
        String p = req.path();
        boolean v2 = p.startsWith("/xmlrpc/2/");
        String svc = p.substring(p.lastIndexOf('/') + 1);
        if (!List.of("common", "object", "db").contains(svc) || !(v2 ? p.equals("/xmlrpc/2/" + svc) : p.equals("/xmlrpc/" + svc))) {
            return HttpFront.notFound();
        }
        if (!"POST".equals(req.method())) {
            return HttpFront.Response.text(405, "text/html; charset=utf-8", "<!doctype html>\n<html lang=en>\n"
                    + "<title>405 Method Not Allowed</title>\n<h1>Method Not Allowed</h1>\n"
                    + "<p>The method is not allowed for the requested URL.</p>\n");
        }
        String method;
        List<Object> params;
        try {
            Element root = parse(req.body()).getDocumentElement();
            method = text(child(root, "methodName")).trim();
            params = new ArrayList<>();
            Element ps = child(root, "params");
            if (ps != null) for (Element param : children(ps, "param")) params.add(value(child(param, "value")));
        } catch (Exception e) {
            String msg = expatMessage(req.body(), e);
            OdooException ex = new OdooException("xml.parsers.expat.ExpatError", msg, List.of(msg),
                    Tracebacks.frame("odoo/addons/base/controllers/rpc.py", 126, "_xmlrpc",
                            "params, method = xmlrpc.client.loads(data)"));
            return fault(ex, v2);
        }
        try {
            Object result = service.dispatch(svc, method, params);
            if (result == OdooService.NONE) {
                String msg = "cannot marshal None unless allow_none is enabled";
                return fault(new OdooException("builtins.TypeError", msg, List.of(msg),
                        Tracebacks.frame("/usr/lib/python3.11/xmlrpc/client.py".substring(1), 540, "dump_nil",
                                "raise TypeError(\"cannot marshal None unless allow_none is enabled\")")), v2);
            }
            StringBuilder sb = new StringBuilder("<?xml version='1.0'?>\n<methodResponse>\n<params>\n<param>\n");
            dump(result, sb);
            sb.append("</param>\n</params>\n</methodResponse>\n");
            return xml(sb.toString());
        } catch (OdooException e) {
            return fault(e, v2);
        }
    }

    /** Expat reports an unexpected end of input at the last line/column of the document. */
    private static String expatMessage(String body, Exception e) {
        if (e instanceof SAXParseException sp && sp.getMessage() != null && sp.getMessage().contains("must start and end")) {
            String[] lines = body.split("\n", -1);
            return "no element found: line " + lines.length + ", column " + lines[lines.length - 1].length();
        }
        if (body.isBlank()) return "no element found: line 1, column 0";
        if (e instanceof SAXParseException sp) {
            return "syntax error: line " + sp.getLineNumber() + ", column " + Math.max(0, sp.getColumnNumber() - 1);
        }
        return "syntax error: line 1, column 0";
    }

    private static HttpFront.Response xml(String body) {
        return HttpFront.Response.text(200, "text/xml; charset=utf-8", body);
    }

    /** Odoo's xmlrpc_handle_exception_int / _string. */
    private HttpFront.Response fault(OdooException e, boolean v2) {
        Object code;
        String string;
        if (v2) {
            int c = e.faultCode();
            code = c;
            string = c == 1 ? e.traceback() : e.odooMessage;
        } else {
            switch (e.pyName) {
                case "odoo.exceptions.AccessDenied" -> {
                    code = "AccessDenied";
                    string = e.odooMessage;
                }
                case "odoo.exceptions.AccessError" -> {
                    code = "warning -- AccessError\n\n" + e.odooMessage;
                    string = "";
                }
                case "odoo.exceptions.MissingError" -> {
                    code = "warning -- MissingError\n\n" + e.odooMessage;
                    string = "";
                }
                case "odoo.exceptions.UserError", "odoo.exceptions.ValidationError" -> {
                    code = "warning -- UserError\n\n" + e.odooMessage;
                    string = "";
                }
                default -> {
                    code = e.odooMessage;
                    string = e.traceback();
                }
            }
        }
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("faultCode", code);
        f.put("faultString", string);
        StringBuilder sb = new StringBuilder("<?xml version='1.0'?>\n<methodResponse>\n<fault>\n");
        dump(f, sb);
        sb.append("</fault>\n</methodResponse>\n");
        return xml(sb.toString());
    }

    // ------------------------------------------------------------------ marshalling (xmlrpc.client.Marshaller)

    static void dump(Object v, StringBuilder sb) {
        if (v == null || v == OdooService.NONE) {
            sb.append("<value><nil/></value>\n");
        } else if (v instanceof Boolean b) {
            sb.append("<value><boolean>").append(b ? '1' : '0').append("</boolean></value>\n");
        } else if (v instanceof Double || v instanceof Float) {
            sb.append("<value><double>").append(Json.pyFloat(((Number) v).doubleValue())).append("</double></value>\n");
        } else if (v instanceof Number n) {
            sb.append("<value><int>").append(n.longValue()).append("</int></value>\n");
        } else if (v instanceof Map<?, ?> m) {
            sb.append("<value><struct>\n");
            for (Map.Entry<?, ?> e : m.entrySet()) {
                sb.append("<member>\n<name>").append(escape(String.valueOf(e.getKey()))).append("</name>\n");
                dump(e.getValue(), sb);
                sb.append("</member>\n");
            }
            sb.append("</struct></value>\n");
        } else if (v instanceof Collection<?> c) {
            sb.append("<value><array><data>\n");
            for (Object o : c) dump(o, sb);
            sb.append("</data></array></value>\n");
        } else {
            sb.append("<value><string>").append(escape(String.valueOf(v))).append("</string></value>\n");
        }
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    // ------------------------------------------------------------------ unmarshalling

    private static Document parse(String body) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setExpandEntityReferences(false);
        var builder = f.newDocumentBuilder();
        builder.setErrorHandler(null);
        return builder.parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    static Object value(Element v) {
        Element typed = null;
        for (Node n = v.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                typed = e;
                break;
            }
        }
        if (typed == null) return text(v);
        String t = text(typed);
        switch (typed.getTagName()) {
            case "int", "i4", "i8", "i1", "i2", "biginteger":
                long l = Long.parseLong(t.trim());
                return l == (int) l ? (Object) (int) l : (Object) l;
            case "boolean":
                return "1".equals(t.trim());
            case "double", "float", "bigdecimal":
                return Double.parseDouble(t.trim());
            case "nil":
                return null;
            case "array": {
                List<Object> out = new ArrayList<>();
                Element data = child(typed, "data");
                if (data != null) for (Element c : children(data, "value")) out.add(value(c));
                return out;
            }
            case "struct": {
                Map<String, Object> out = new LinkedHashMap<>();
                for (Element m : children(typed, "member")) out.put(text(child(m, "name")), value(child(m, "value")));
                return out;
            }
            default:
                return t; // string, dateTime.iso8601, base64
        }
    }

    private static String text(Element e) {
        return e == null ? "" : e.getTextContent();
    }

    private static Element child(Element e, String tag) {
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c && c.getTagName().equals(tag)) return c;
        }
        return null;
    }

    private static List<Element> children(Element e, String tag) {
        List<Element> out = new ArrayList<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c && c.getTagName().equals(tag)) out.add(c);
        }
        return out;
    }
}
