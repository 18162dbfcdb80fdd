package io.odoopulse.canonical;

import java.util.Map;

import org.apache.camel.Body;
import org.apache.camel.Header;

/** Maps one Odoo record to its canonical record with the mapping file of the tenant's Odoo version. */
public class CanonicalMapper {

    static final String SOURCE_SYSTEM = "odoo";

    /** Which mapping file and Odoo version a tenant's records are read with (known once its Odoo is connected). */
    public interface TenantMappings {
        MappingFile mapping(String tenant);

        String serverVersion(String tenant);
    }

    private final TenantMappings mappings;

    public CanonicalMapper(TenantMappings mappings) {
        this.mappings = mappings;
    }

    public Record map(@Header("pulseTenant") String tenant, @Header("pulseModel") String model,
                      @Body Map<String, Object> record) {
        return mappings.mapping(tenant).forModel(model).map(tenant, SOURCE_SYSTEM, mappings.serverVersion(tenant),
                record);
    }
}
