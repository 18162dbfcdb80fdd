package io.odoopulse.demo.simulator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPInputStream;

/**
 * What a real server answers beside the business data, recorded per version from the real Odoo servers
 * (src/test/scripts/record-simulator-meta.py, into meta/&lt;serie&gt;/): fields_get with every attribute, and the module
 * list. Completes a loaded or generated database so that what every client asks first is answered as Odoo does:
 * fields_get in full, {@code ir.module.module}, and {@code res.users} holding the simulator's logins.
 */
final class ServerMeta {

    private static final Map<OdooFlavour, Map<String, Map<String, Map<String, Object>>>> FIELDS = new ConcurrentHashMap<>();

    private ServerMeta() {}

    private static InputStream resource(OdooFlavour f, String name) throws IOException {
        String path = "io/odoopulse/demo/simulator/meta/" + f.serverSerie() + "/" + name;
        InputStream in = ServerMeta.class.getClassLoader().getResourceAsStream(path);
        if (in == null) throw new IOException("missing resource " + path);
        return in;
    }

    /** The recorded fields_get of every model this version's server was asked about. */
    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Map<String, Object>>> fieldsGet(OdooFlavour f) {
        return FIELDS.computeIfAbsent(f, flavour -> {
            try (InputStream in = new GZIPInputStream(resource(flavour, "fields_get.json.gz"))) {
                Map<String, Object> raw = Json.parseObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                Map<String, Map<String, Map<String, Object>>> out = new TreeMap<>();
                raw.forEach((model, fields) -> out.put(model, (Map<String, Map<String, Object>>) fields));
                return out;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * The model's fields as its source defines them (a dataset's fields.json keeps only some attributes), each
     * with every attribute the real server gives it: the recorded description where the server has that field with
     * that type, otherwise the attributes Odoo gives every field, derived.
     */
    static ModelMeta complete(ModelMeta meta, OdooFlavour f) {
        Map<String, Map<String, Object>> recorded = fieldsGet(f).getOrDefault(meta.model, Map.of());
        List<String> everywhere = attributesOfEveryField(f);
        Map<String, Map<String, Object>> out = new TreeMap<>();
        meta.fields.forEach((name, attrs) -> {
            Map<String, Object> real = recorded.get(name);
            if (real != null && real.get("type") != null && real.get("type").equals(attrs.get("type"))) {
                Map<String, Object> merged = new TreeMap<>(real);
                merged.putAll(attrs); // the source's own values (e.g. a 16 selection adapted from 17) stay
                out.put(name, merged);
            } else {
                Map<String, Object> derived = new TreeMap<>(attrs);
                for (String a : everywhere) derived.computeIfAbsent(a, k -> derivedAttribute(k, name, attrs));
                derived.values().removeIf(v -> v == ABSENT);
                out.put(name, derived);
            }
        });
        return new ModelMeta(meta.model, out);
    }

    private static final Object ABSENT = new Object();

    private static Object derivedAttribute(String attribute, String field, Map<String, Object> attrs) {
        boolean stored = !Boolean.FALSE.equals(attrs.get("store"));
        return switch (attribute) {
            case "name" -> field;
            case "searchable", "sortable", "groupable" -> stored;
            case "change_default", "manual", "default_export_compatible", "company_dependent", "readonly",
                    "required" -> false;
            case "exportable", "store" -> true;
            case "depends" -> List.of();
            default -> ABSENT;
        };
    }

    /** Attributes the real server gives every field of every recorded model (name, type, searchable ...). */
    private static List<String> attributesOfEveryField(OdooFlavour f) {
        List<String> common = null;
        for (Map<String, Map<String, Object>> fields : fieldsGet(f).values()) {
            for (Map<String, Object> attrs : fields.values()) {
                if (common == null) common = new ArrayList<>(attrs.keySet());
                else common.retainAll(attrs.keySet());
            }
        }
        return common == null ? List.of() : common;
    }

    /** A model straight from the recording (for the tables a dataset does not carry). */
    static ModelMeta recorded(String model, OdooFlavour f) {
        Map<String, Map<String, Object>> fields = fieldsGet(f).get(model);
        if (fields == null) throw new IllegalStateException("no recorded fields_get of " + model + " for " + f);
        return new ModelMeta(model, fields);
    }

    /** ir.module.module as the real server of this version lists it, when the data has no module list. */
    static void installModules(OdooDatabase db, OdooFlavour f) {
        if (db.hasModel("ir.module.module")) return;
        List<Map<String, Object>> modules = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(resource(f, "ir.module.module.jsonl.gz")), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank()) modules.add(Json.parseObject(line));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        db.addModel(recorded("ir.module.module", f));
        db.writeLocked(() -> {
            Table t = db.table("ir.module.module");
            for (Map<String, Object> m : modules) DatasetLoader.insertRecorded(t, m);
            return null;
        });
    }

    /**
     * res.users with the simulator's logins, when the data has no users: what clients read first (the user's
     * companies, to build their context) then answers as on a real server.
     */
    static void installUsers(OdooDatabase db, OdooFlavour f, Collection<User> users) {
        if (db.hasModel("res.users")) return;
        db.addModel(recorded("res.users", f));
        db.writeLocked(() -> {
            Table t = db.table("res.users");
            for (User u : users) {
                Map<String, Object> rec = new LinkedHashMap<>();
                rec.put("id", u.uid());
                rec.put("name", u.name());
                rec.put("login", u.login());
                rec.put("active", true);
                rec.put("share", false);
                rec.put("company_id", List.of(u.companyId(), db.displayName("res.company", u.companyId())));
                rec.put("company_ids", u.companyIds());
                String partner = db.displayName("res.partner", u.partnerId());
                rec.put("partner_id", List.of(u.partnerId(), partner.isEmpty() ? u.name() : partner));
                rec.put("lang", "en_US");
                rec.put("tz", "Europe/Brussels");
                DatasetLoader.insertRecorded(t, rec);
            }
            return null;
        });
    }
}
