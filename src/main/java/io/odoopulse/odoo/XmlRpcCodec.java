package io.odoopulse.odoo;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * XML-RPC as Odoo speaks it (Python's xmlrpc.client): calls are encoded from plain Java values, responses are
 * decoded into Jackson trees so the rest of the client does not care which transport it used. Doubles are read as
 * exact decimals from their text; a value without a type element is a string, as the specification says.
 */
public final class XmlRpcCodec {

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    private static final XMLInputFactory XML = XMLInputFactory.newFactory();

    static {
        // No DTDs or external entities: a response is data, never a reason to fetch anything.
        XML.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        XML.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    }

    /** An XML-RPC fault: Odoo's faultCode (an int on /xmlrpc/2, a string on the legacy paths) and faultString. */
    public static final class Fault extends RuntimeException {
        private final String code;

        Fault(String code, String faultString) {
            super(faultString);
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private XmlRpcCodec() {
    }

    public static byte[] encodeCall(String method, Collection<?> params) {
        StringBuilder xml = new StringBuilder("<?xml version='1.0'?>\n<methodCall>\n<methodName>")
                .append(escape(method)).append("</methodName>\n<params>\n");
        for (Object param : params) {
            xml.append("<param>\n");
            encodeValue(xml, param);
            xml.append("</param>\n");
        }
        return xml.append("</params>\n</methodCall>\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** @throws Fault when the response is a fault; {@link IllegalArgumentException} when it is not XML-RPC */
    public static JsonNode decodeResponse(byte[] body) {
        try {
            XMLStreamReader reader = XML.createXMLStreamReader(new ByteArrayInputStream(body));
            try {
                nextStart(reader); // methodResponse
                String kind = nextStart(reader);
                if ("fault".equals(kind)) {
                    nextStart(reader); // value
                    JsonNode fault = readValue(reader);
                    JsonNode code = fault.path("faultCode");
                    throw new Fault(code.asText(), fault.path("faultString").asText());
                }
                if (!"params".equals(kind)) {
                    throw new IllegalArgumentException("not an XML-RPC response: <" + kind + ">");
                }
                if (!"param".equals(nextStart(reader))) {
                    return NODES.nullNode();
                }
                nextStart(reader); // value
                return readValue(reader);
            } finally {
                reader.close();
            }
        } catch (XMLStreamException e) {
            throw new IllegalArgumentException("not well-formed XML-RPC: " + e.getMessage(), e);
        }
    }

    private static void encodeValue(StringBuilder xml, Object value) {
        xml.append("<value>");
        if (value == null) {
            throw new IllegalArgumentException("XML-RPC as Odoo accepts it has no null; send false instead");
        } else if (value instanceof Boolean b) {
            xml.append("<boolean>").append(b ? 1 : 0).append("</boolean>");
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short
                || value instanceof BigInteger) {
            xml.append("<int>").append(value).append("</int>");
        } else if (value instanceof Number n) {
            xml.append("<double>").append(n instanceof BigDecimal d ? d.toPlainString() : n.toString())
                    .append("</double>");
        } else if (value instanceof Map<?, ?> map) {
            xml.append("<struct>\n");
            map.forEach((k, v) -> {
                xml.append("<member>\n<name>").append(escape(String.valueOf(k))).append("</name>\n");
                encodeValue(xml, v);
                xml.append("</member>\n");
            });
            xml.append("</struct>");
        } else if (value instanceof Collection<?> list) {
            xml.append("<array><data>\n");
            list.forEach(v -> encodeValue(xml, v));
            xml.append("</data></array>");
        } else if (value instanceof Object[] array) {
            encodeValue(xml, java.util.Arrays.asList(array));
            return;
        } else {
            xml.append("<string>").append(escape(value.toString())).append("</string>");
        }
        xml.append("</value>\n");
    }

    /** Reads the content of a {@code <value>} whose start tag was just consumed, up to and including its end tag. */
    private static JsonNode readValue(XMLStreamReader reader) throws XMLStreamException {
        StringBuilder text = new StringBuilder();
        while (reader.hasNext()) {
            int event = reader.next();
            if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
                text.append(reader.getText());
            } else if (event == XMLStreamConstants.START_ELEMENT) {
                JsonNode node = readTyped(reader, reader.getLocalName());
                skipToEnd(reader, "value");
                return node;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                return NODES.textNode(text.toString());
            }
        }
        throw new XMLStreamException("unterminated <value>");
    }

    private static JsonNode readTyped(XMLStreamReader reader, String type) throws XMLStreamException {
        switch (type) {
            case "struct" -> {
                ObjectNode object = NODES.objectNode();
                while (nextStartOrEnd(reader, "struct")) { // member
                    nextStart(reader); // name
                    String name = reader.getElementText();
                    nextStart(reader); // value
                    object.set(name, readValue(reader));
                    skipToEnd(reader, "member");
                }
                return object;
            }
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                nextStart(reader); // data
                while (nextStartOrEnd(reader, "data")) { // value
                    array.add(readValue(reader));
                }
                skipToEnd(reader, "array");
                return array;
            }
            case "nil" -> {
                skipToEnd(reader, "nil");
                return NODES.nullNode();
            }
            default -> {
                String text = reader.getElementText();
                return switch (type) {
                    case "int", "i4", "i8" -> NODES.numberNode(new BigInteger(text.trim()));
                    case "boolean" -> NODES.booleanNode("1".equals(text.trim()));
                    case "double" -> NODES.numberNode(new BigDecimal(text.trim()));
                    default -> NODES.textNode(text); // string, dateTime.iso8601, base64
                };
            }
        }
    }

    /** Advances to the next start tag and returns its name. */
    private static String nextStart(XMLStreamReader reader) throws XMLStreamException {
        while (reader.hasNext()) {
            if (reader.next() == XMLStreamConstants.START_ELEMENT) {
                return reader.getLocalName();
            }
        }
        return "";
    }

    /** Advances to the next start tag (true) or to the end tag {@code end} (false). */
    private static boolean nextStartOrEnd(XMLStreamReader reader, String end) throws XMLStreamException {
        while (reader.hasNext()) {
            int event = reader.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                return true;
            }
            if (event == XMLStreamConstants.END_ELEMENT && reader.getLocalName().equals(end)) {
                return false;
            }
        }
        throw new XMLStreamException("unterminated <" + end + ">");
    }

    private static void skipToEnd(XMLStreamReader reader, String end) throws XMLStreamException {
        if (reader.isEndElement() && reader.getLocalName().equals(end)) {
            return;
        }
        while (reader.hasNext()) {
            if (reader.next() == XMLStreamConstants.END_ELEMENT && reader.getLocalName().equals(end)) {
                return;
            }
        }
        throw new XMLStreamException("unterminated <" + end + ">");
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
