package io.odoopulse.demo.simulator;

import java.nio.file.Path;
import java.time.Instant;

/** Where the simulator's records come from. */
public sealed interface DatasetSource {

    /** Deterministic synthetic retail history: same (seed, orders, asOf) gives the same records. */
    record Generated(long seed, int orders, Instant asOf) implements DatasetSource {
        public Generated {
            if (orders < 0) throw new IllegalArgumentException("orders must be >= 0");
            if (asOf == null) throw new IllegalArgumentException("asOf is required");
        }
    }

    /** A recorded export folder: {@code <model>.jsonl.gz}, {@code <model>.fields.json}, manifest.json. */
    record Recorded(Path dir) implements DatasetSource {}

    /** Same layout as {@link Recorded} but read from the classpath, e.g. "odoo-contract/17.0/dataset". */
    record Classpath(String resourceDir) implements DatasetSource {}
}
