package io.odoopulse.demo.simulator;

import java.util.List;

/** The Odoo major version the simulator impersonates; drives version strings and per-version behaviour. */
public enum OdooFlavour {
    V16(16, "16.0-20231208", "16.0"),
    V17(17, "17.0", "17.0"),
    V18(18, "18.0-20250702", "18.0"),
    V19(19, "19.0", "19.0");

    private final int major;
    private final String serverVersion;
    private final String serie;

    OdooFlavour(int major, String serverVersion, String serie) {
        this.major = major;
        this.serverVersion = serverVersion;
        this.serie = serie;
    }

    public int major() { return major; }

    /** As reported by common.version / db.server_version (16.0 and 18.0 nightly builds carry a date suffix). */
    public String serverVersion() { return serverVersion; }

    public String serverSerie() { return serie; }

    public List<Object> serverVersionInfo() { return List.of(major, 0, 0, "final", 0, ""); }

    /**
     * Folder of the generator's sample records and field lists for this flavour: 16 borrows 17's (its fields are then
     * replaced by the real 16's recorded fields_get, {@link ServerMeta}).
     */
    public String metadataVersion() { return this == V16 ? "17.0" : serie; }

    public boolean atLeast(OdooFlavour other) { return major >= other.major; }

    public static OdooFlavour of(String text) {
        String t = text.trim().toUpperCase();
        if (t.startsWith("V")) t = t.substring(1);
        int dot = t.indexOf('.');
        if (dot >= 0) t = t.substring(0, dot);
        for (OdooFlavour f : values()) {
            if (Integer.toString(f.major).equals(t)) return f;
        }
        throw new IllegalArgumentException("Unsupported Odoo version: " + text);
    }
}
