package io.odoopulse.demo.simulator;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake Odoo server on loopback: JSON-RPC, XML-RPC, /web session routes and Odoo 19's JSON-2, backed by an
 * in-memory database loaded from a generated or recorded dataset. Plain JDK + Jackson; no Spring.
 */
public final class OdooSimulator implements AutoCloseable {

    private final SimulatorSettings settings;
    private final OdooDatabase database;
    private final FaultInjector faults;
    private final OdooService service;
    private final HttpServer server;
    private final ExecutorService pool;

    private OdooSimulator(SimulatorSettings settings, OdooDatabase database, FaultInjector faults, OdooService service,
            HttpServer server, ExecutorService pool) {
        this.settings = settings;
        this.database = database;
        this.faults = faults;
        this.service = service;
        this.server = server;
        this.pool = pool;
    }

    /** Loads the dataset, binds and returns once requests are being served. */
    public static OdooSimulator start(SimulatorSettings settings) {
        return start(settings, Clock.systemUTC());
    }

    /**
     * @param clock the server's clock, which stamps {@code write_date} (a benchmark's ticks a minute apart in little
     *              time move it as they move the application's)
     */
    public static OdooSimulator start(SimulatorSettings settings, Clock clock) {
        InetAddress address;
        try {
            address = InetAddress.getByName(settings.host());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!address.isLoopbackAddress()) {
            throw new IllegalArgumentException("the simulator only binds loopback addresses, not " + settings.host());
        }
        OdooDatabase db = new OdooDatabase(clock);
        if (settings.dataset() instanceof DatasetSource.Generated g) {
            DatasetGenerator.generate(db, settings.flavour(), g);
        } else {
            DatasetLoader.load(db, settings.dataset(), settings.flavour());
        }
        db.settleClock();
        FaultInjector faults = new FaultInjector();
        OdooService service = new OdooService(settings, db, faults);
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "odoo-sim-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(address, settings.port()), 64);
            server.createContext("/", new HttpFront(service, faults));
            server.setExecutor(pool);
            server.start();
            int port = server.getAddress().getPort();
            SimulatorSettings bound = settings.withPort(port);
            return new OdooSimulator(bound, db, faults, service, server, pool);
        } catch (IOException e) {
            pool.shutdownNow();
            throw new UncheckedIOException("cannot bind " + settings.host() + ":" + settings.port(), e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** "http://127.0.0.1:&lt;port&gt;". */
    public String url() {
        String host = server.getAddress().getAddress().getHostAddress();
        if (host.contains(":")) host = "[" + host + "]";
        return "http://" + host + ":" + port();
    }

    /** The settings in force, with the actually bound port. */
    public SimulatorSettings settings() {
        return settings;
    }

    public OdooDatabase database() {
        return database;
    }

    /**
     * Sets the companies a user may see, as an administrator granting or taking away access would; the next call
     * sees the change (a context naming a company taken away is then refused, as Odoo does).
     */
    public void setUserCompanies(String login, java.util.List<Integer> companyIds) {
        service.setUserCompanies(login, companyIds);
    }

    public FaultInjector faults() {
        return faults;
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
        try {
            pool.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
