package io.odoopulse.canonical;

import java.util.List;
import java.util.Map;

import org.apache.camel.Body;
import org.apache.camel.Header;

/**
 * Maps Odoo records to canonical records with the mapping file of the tenant's Odoo version: a page at once for a pull
 * (and its idempotent keys), one record for a record that goes alone (refused by the page, replayed).
 */
public class CanonicalMapper {

    static final String SOURCE_SYSTEM = "odoo";

    /** Which mapping file and Odoo version a tenant's records are read with (known once its Odoo is connected). */
    public interface TenantMappings {
        MappingFile mapping(String tenant);

        String serverVersion(String tenant);
    }

    private final TenantMappings mappings;
    private final RecordKeys keys;

    public CanonicalMapper(TenantMappings mappings, RecordKeys keys) {
        this.mappings = mappings;
        this.keys = keys;
    }

    /**
     * The page's records mapped with their keys. A record the mapping refuses is set aside, not thrown: the rest of
     * the page is stored, and the refused record goes through the record route, which dead-letters it alone.
     */
    public CanonicalPage mapPage(@Header("pulseTenant") String tenant, @Header("pulseModel") String model,
                                 @Header("pulseReread") String reread, @Body List<Map<String, Object>> records) {
        CanonicalPage page = new CanonicalPage();
        ModelMapping mapping;
        String version;
        try {
            mapping = mappings.mapping(tenant).forModel(model);
            version = mappings.serverVersion(tenant);
        } catch (RuntimeException e) {
            records.forEach(page::refuse);
            return page;
        }
        for (Map<String, Object> raw : records) {
            Record canonical;
            try {
                canonical = mapping.map(tenant, SOURCE_SYSTEM, version, raw);
            } catch (RuntimeException e) {
                page.refuse(raw);
                continue;
            }
            if (canonical != null) {
                page.add(raw, canonical, keys.key(tenant, model, reread, canonical));
            }
        }
        return page;
    }

    public Record map(@Header("pulseTenant") String tenant, @Header("pulseModel") String model,
                      @Body Map<String, Object> record) {
        return mappings.mapping(tenant).forModel(model).map(tenant, SOURCE_SYSTEM, mappings.serverVersion(tenant),
                record);
    }
}
