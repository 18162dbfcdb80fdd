package io.odoopulse.demo;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import io.odoopulse.config.PulseConfiguration;
import io.odoopulse.config.PulseProperties;
import io.odoopulse.demo.simulator.OdooFlavour;
import io.odoopulse.demo.simulator.OdooSimulator;
import io.odoopulse.demo.simulator.SimulatorSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The built-in Odoo: the simulator on a loopback port with a generated retail history. Its address is published
 * as {@code pulse.demo.odoo.url} (and database, login, password) for the demo tenant bundle to use.
 */
public final class DemoOdoo implements PulseConfiguration.DemoService, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DemoOdoo.class);

    /** The demo tenant's signing secret (config/tenants/demo.yaml); generated when not configured. */
    static final String SIGNING_SECRET = "pulse.demo.nerve-centre.signing-secret";

    private final OdooSimulator simulator;

    public DemoOdoo(PulseProperties.DemoOdoo settings, ConfigurableEnvironment environment) {
        Instant asOf = settings.asOf() == null || settings.asOf().isBlank()
                ? Instant.now().truncatedTo(ChronoUnit.HOURS) : Instant.parse(settings.asOf());
        SimulatorSettings defaults = SimulatorSettings.demo().withFlavour(OdooFlavour.of(settings.version()));
        this.simulator = OdooSimulator.start(defaults.withPort(settings.port())
                .withGenerated(settings.seed(), settings.orders(), asOf));
        Map<String, Object> published = new java.util.HashMap<>(Map.of(
                "pulse.demo.odoo.url", simulator.url(),
                "pulse.demo.odoo.database", defaults.db(),
                "pulse.demo.odoo.login", defaults.login(),
                "pulse.demo.odoo.password", defaults.password(),
                "pulse.demo.odoo.api-key", defaults.apiKey()));
        if (!environment.containsProperty(SIGNING_SECRET)) {
            // The demo tenant signs its pushes out of the box; a fresh key per run, since sender and the built-in
            // receiver read it from the same place.
            byte[] key = new byte[32];
            new java.security.SecureRandom().nextBytes(key);
            published.put(SIGNING_SECRET, java.util.HexFormat.of().formatHex(key));
        }
        environment.getPropertySources().addFirst(new MapPropertySource("pulse-demo-odoo", published));
        LOG.info("built-in Odoo demo server (simulated Odoo {}) listening on {} with {} generated orders up to {}",
                defaults.flavour().serverVersion(), simulator.url(), settings.orders(), asOf);
    }

    public OdooSimulator simulator() {
        return simulator;
    }

    @Override
    public void close() {
        simulator.close();
    }
}
