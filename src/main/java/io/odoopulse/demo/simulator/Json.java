package io.odoopulse.demo.simulator;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.PrettyPrinter;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * JSON in the shape Python's json.dumps produces (", " and ": " separators, floats always with a
 * fraction and never in E-notation below 1e16), so responses look byte-alike to Odoo's.
 */
final class Json {

    static final ObjectMapper MAPPER = build();

    private Json() {}

    private static ObjectMapper build() {
        ObjectMapper m = new ObjectMapper();
        m.enable(JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS);
        m.disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
        SimpleModule mod = new SimpleModule();
        mod.addSerializer(Double.class, new PyFloat());
        mod.addSerializer(double.class, new PyFloat());
        m.registerModule(mod);
        m.setDefaultPrettyPrinter(new PySeparators());
        m.enable(SerializationFeature.INDENT_OUTPUT);
        return m;
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Object parse(String text) throws IOException {
        return MAPPER.readValue(text, Object.class);
    }

    static Map<String, Object> parseObject(String text) throws IOException {
        return MAPPER.readValue(text, new TypeReference<Map<String, Object>>() {});
    }

    static List<Object> parseList(String text) throws IOException {
        return MAPPER.readValue(text, new TypeReference<List<Object>>() {});
    }

    /** Python float repr: shortest round-trip digits, ".0" for integral values, exponent only from 1e16. */
    static String pyFloat(double d) {
        if (Double.isNaN(d)) return "NaN";
        if (Double.isInfinite(d)) return d > 0 ? "Infinity" : "-Infinity";
        double a = Math.abs(d);
        String s = Double.toString(d);
        if (a != 0 && (a >= 1e16 || a < 1e-4)) return s; // rare in ERP data; exact exponent format not needed
        if (s.indexOf('E') >= 0) {
            s = new BigDecimal(s).toPlainString();
            if (s.indexOf('.') < 0) s = s + ".0";
        }
        return s;
    }

    private static final class PyFloat extends JsonSerializer<Double> {
        @Override
        public void serialize(Double value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeNumber(pyFloat(value));
        }
    }

    /** Python's default separators; no newlines. */
    private static final class PySeparators implements PrettyPrinter {
        @Override public void writeRootValueSeparator(JsonGenerator g) {}
        @Override public void writeStartObject(JsonGenerator g) throws IOException { g.writeRaw('{'); }
        @Override public void writeEndObject(JsonGenerator g, int n) throws IOException { g.writeRaw('}'); }
        @Override public void writeObjectEntrySeparator(JsonGenerator g) throws IOException { g.writeRaw(", "); }
        @Override public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException { g.writeRaw(": "); }
        @Override public void writeStartArray(JsonGenerator g) throws IOException { g.writeRaw('['); }
        @Override public void writeEndArray(JsonGenerator g, int n) throws IOException { g.writeRaw(']'); }
        @Override public void writeArrayValueSeparator(JsonGenerator g) throws IOException { g.writeRaw(", "); }
        @Override public void beforeArrayValues(JsonGenerator g) {}
        @Override public void beforeObjectEntries(JsonGenerator g) {}
    }
}
