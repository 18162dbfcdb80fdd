package io.odoopulse.audit;

import java.util.List;

import io.odoopulse.kpi.KpiSnapshot;
import io.odoopulse.odoo.OdooConnections;
import org.apache.camel.Body;

/**
 * Puts the integration user's access checks (odoo.AccessChecks, run at connect) in every push: what it may read,
 * the version and edition. Without a connection the credential check says why, without the credential.
 */
public class AccessReport {

    private final OdooConnections connections;

    public AccessReport(OdooConnections connections) {
        this.connections = connections;
    }

    public KpiSnapshot attach(@Body KpiSnapshot snapshot) {
        List<KpiSnapshot.Access> checks;
        try {
            checks = connections.get(snapshot.tenant()).access().stream()
                    .map(c -> new KpiSnapshot.Access(c.check(), c.ok(), c.detail())).toList();
        } catch (RuntimeException notConnected) {
            checks = List.of(new KpiSnapshot.Access("credential", false, "could not connect: "
                    + notConnected.getMessage()));
        }
        return snapshot.withAccess(checks);
    }
}
