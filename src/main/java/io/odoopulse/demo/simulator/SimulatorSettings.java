package io.odoopulse.demo.simulator;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Everything needed to start an {@link OdooSimulator}. {@code listDb} is Odoo's {@code list_db} option: when off,
 * {@code db.list} answers AccessDenied (as the shared real servers run).
 */
public record SimulatorSettings(String host, int port, OdooFlavour flavour, String db, String login,
        String password, String apiKey, DatasetSource dataset, boolean listDb) {

    public static final long DEMO_SEED = 17017L;
    public static final int DEMO_ORDERS = 500;

    public SimulatorSettings {
        if (host == null || host.isBlank()) host = "127.0.0.1";
        if (flavour == null) flavour = OdooFlavour.V17;
        if (db == null) throw new IllegalArgumentException("db is required");
        if (login == null) throw new IllegalArgumentException("login is required");
        if (password == null) throw new IllegalArgumentException("password is required");
        if (dataset == null) throw new IllegalArgumentException("dataset is required");
    }

    public static SimulatorSettings demo() {
        return new SimulatorSettings("127.0.0.1", 0, OdooFlavour.V17, "odoo17", "admin", "admin", "demo-api-key",
                new DatasetSource.Generated(DEMO_SEED, DEMO_ORDERS, Instant.now().truncatedTo(ChronoUnit.HOURS)), true);
    }

    public SimulatorSettings withHost(String host) {
        return new SimulatorSettings(host, port, flavour, db, login, password, apiKey, dataset, listDb);
    }

    public SimulatorSettings withPort(int port) {
        return new SimulatorSettings(host, port, flavour, db, login, password, apiKey, dataset, listDb);
    }

    /** Also renames the database to the conventional "odoo&lt;major&gt;". */
    public SimulatorSettings withFlavour(OdooFlavour flavour) {
        return new SimulatorSettings(host, port, flavour, "odoo" + flavour.major(), login, password, apiKey, dataset, listDb);
    }

    public SimulatorSettings withDb(String db) {
        return new SimulatorSettings(host, port, flavour, db, login, password, apiKey, dataset, listDb);
    }

    public SimulatorSettings withCredentials(String login, String password) {
        return new SimulatorSettings(host, port, flavour, db, login, password, apiKey, dataset, listDb);
    }

    public SimulatorSettings withApiKey(String apiKey) {
        return new SimulatorSettings(host, port, flavour, db, login, password, apiKey, dataset, listDb);
    }

    public SimulatorSettings withDataset(DatasetSource dataset) {
        return new SimulatorSettings(host, port, flavour, db, login, password, apiKey, dataset, listDb);
    }

    public SimulatorSettings withListDb(boolean listDb) {
        return new SimulatorSettings(host, port, flavour, db, login, password, apiKey, dataset, listDb);
    }

    public SimulatorSettings withGenerated(long seed, int orders, Instant asOf) {
        return withDataset(new DatasetSource.Generated(seed, orders, asOf));
    }
}
