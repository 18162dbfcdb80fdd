package io.odoopulse.canonical;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.apache.camel.Body;
import org.apache.camel.Header;

/**
 * The idempotent consumer's key: tenant, model, id, write_date and a digest of the canonical content.
 * Odoo returns write_date at second precision, so two real updates within one second share a write_date; the
 * digest tells them apart, while a re-read of an unchanged record yields the same key and is dropped.
 * A record the parity audit reads again ({@code pulseReread}: that audit) always passes: a computed field (a quant's
 * value) can change and change back without a write, and its earlier content's key must not hide the way back.
 */
public class RecordKeys {

    public String key(@Header("pulseTenant") String tenant, @Header("pulseModel") String model,
                      @Header("pulseReread") String reread, @Body Record canonical) {
        Object id = readComponent(canonical, 0);
        Object updated = readComponent(canonical, 1);
        return tenant + "/" + model + "/" + id + "/" + updated + "/" + digest(canonical.toString())
                + (reread == null ? "" : "/reread/" + reread);
    }

    /** Each canonical type's sourceId and updatedAt accessors, looked up once (a key is made for every record read). */
    private static final ClassValue<java.lang.reflect.Method[]> ACCESSORS = new ClassValue<>() {
        @Override
        protected java.lang.reflect.Method[] computeValue(Class<?> type) {
            java.lang.reflect.Method[] accessors = new java.lang.reflect.Method[2];
            for (var component : type.getRecordComponents()) {
                if (component.getName().equals("sourceId")) {
                    accessors[0] = component.getAccessor();
                } else if (component.getName().equals("updatedAt")) {
                    accessors[1] = component.getAccessor();
                }
            }
            return accessors;
        }
    };

    private static Object readComponent(Record record, int which) {
        java.lang.reflect.Method accessor = ACCESSORS.get(record.getClass())[which];
        if (accessor == null) {
            return "";
        }
        try {
            return accessor.invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
