package io.odoopulse.demo.simulator;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CountDownLatch;

/**
 * Standalone simulator: {@code --port N --version 17 --orders N --seed S --dataset DIR --asof ISO --no-list-db}.
 * Prints the URL and credentials, then serves until killed.
 */
public final class SimulatorMain {

    private SimulatorMain() {}

    public static void main(String[] args) throws InterruptedException {
        SimulatorSettings s = SimulatorSettings.demo();
        long seed = SimulatorSettings.DEMO_SEED;
        int orders = SimulatorSettings.DEMO_ORDERS;
        Instant asOf = Instant.now().truncatedTo(ChronoUnit.HOURS);
        Path dataset = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (a) {
                case "--port" -> { s = s.withPort(Integer.parseInt(v)); i++; }
                case "--version" -> { s = s.withFlavour(OdooFlavour.of(v)); i++; }
                case "--orders" -> { orders = Integer.parseInt(v); i++; }
                case "--seed" -> { seed = Long.parseLong(v); i++; }
                case "--asof" -> { asOf = Instant.parse(v); i++; }
                case "--dataset" -> { dataset = Path.of(v); i++; }
                case "--db" -> { s = s.withDb(v); i++; }
                case "--no-list-db" -> s = s.withListDb(false); // Odoo's list_db = False: db.list is refused
                case "-h", "--help" -> {
                    System.out.println("usage: SimulatorMain [--port N] [--version 16|17|18|19] [--orders N] [--seed S]"
                            + " [--asof 2026-11-22T00:00:00Z] [--dataset DIR] [--db NAME] [--no-list-db]");
                    return;
                }
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        s = s.withDataset(dataset != null ? new DatasetSource.Recorded(dataset) : new DatasetSource.Generated(seed, orders, asOf));
        OdooSimulator sim = OdooSimulator.start(s);
        Runtime.getRuntime().addShutdownHook(new Thread(sim::close));
        System.out.println("Odoo " + s.flavour().serverVersion() + " simulator listening on " + sim.url());
        System.out.println("db=" + s.db() + " login=" + s.login() + " password=" + s.password() + " apiKey=" + s.apiKey());
        new CountDownLatch(1).await();
    }
}
