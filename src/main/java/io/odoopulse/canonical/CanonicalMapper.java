package io.odoopulse.canonical;

import java.util.Map;

import io.odoopulse.odoo.OdooConnections;
import org.apache.camel.Body;
import org.apache.camel.Header;

/** Maps one Odoo record to its canonical record with the mapping file of the tenant's Odoo version. */
public class CanonicalMapper {

    static final String SOURCE_SYSTEM = "odoo";

    private final OdooConnections connections;

    public CanonicalMapper(OdooConnections connections) {
        this.connections = connections;
    }

    public Record map(@Header("pulseTenant") String tenant, @Header("pulseModel") String model,
                      @Body Map<String, Object> record) {
        OdooConnections.Connection connection = connections.get(tenant);
        return connection.mapping().forModel(model).map(tenant, SOURCE_SYSTEM, connection.serverVersion(), record);
    }
}
