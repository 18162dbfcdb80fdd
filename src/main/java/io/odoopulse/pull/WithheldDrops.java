package io.odoopulse.pull;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The drops a deletion reconciliation withheld (table reconcile_withheld), one per tenant and model: in the database,
 * since the next pass of a tenant may run on any instance.
 */
class WithheldDrops {

    /** A withheld drop: the ids found missing when it was first withheld, and on how many later passes since. */
    record Withheld(List<Long> ids, int live, int recurrences) {}

    private final JdbcTemplate jdbc;
    private final Clock clock;

    WithheldDrops(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    Optional<Withheld> find(String tenant, String model) {
        return jdbc.query("SELECT ids, live, recurrences FROM reconcile_withheld WHERE tenant = ? AND model = ?",
                (rs, n) -> new Withheld(parse(rs.getString("ids")), rs.getInt("live"), rs.getInt("recurrences")),
                tenant, model).stream().findFirst();
    }

    /** Withholds a drop, replacing the one withheld before (some of its rows came back: a different drop). */
    void hold(String tenant, String model, List<Long> ids, int live) {
        var now = clock.instant().atOffset(ZoneOffset.UTC);
        String text = ids.stream().map(String::valueOf).collect(Collectors.joining(","));
        if (jdbc.update("UPDATE reconcile_withheld SET ids = ?, withheld = ?, live = ?, recurrences = 0, last_seen = ? "
                + "WHERE tenant = ? AND model = ?", text, ids.size(), live, now, tenant, model) == 0) {
            jdbc.update("INSERT INTO reconcile_withheld (tenant, model, ids, withheld, live, recurrences, first_seen, "
                    + "last_seen) VALUES (?, ?, ?, ?, ?, 0, ?, ?)", tenant, model, text, ids.size(), live, now, now);
        }
    }

    /** The withheld rows are still missing on one more pass. @return the passes it has now recurred on */
    int recurred(String tenant, String model) {
        jdbc.update("UPDATE reconcile_withheld SET recurrences = recurrences + 1, last_seen = ? WHERE tenant = ? "
                + "AND model = ?", clock.instant().atOffset(ZoneOffset.UTC), tenant, model);
        return find(tenant, model).map(Withheld::recurrences).orElse(0);
    }

    void clear(String tenant, String model) {
        jdbc.update("DELETE FROM reconcile_withheld WHERE tenant = ? AND model = ?", tenant, model);
    }

    /** Rows withheld for the model now (the gauge), 0 when none. */
    int withheld(String tenant, String model) {
        List<Integer> n = jdbc.queryForList("SELECT withheld FROM reconcile_withheld WHERE tenant = ? AND model = ?",
                Integer.class, tenant, model);
        return n.isEmpty() ? 0 : n.get(0);
    }

    private static List<Long> parse(String ids) {
        return ids.isEmpty() ? List.of() : Arrays.stream(ids.split(",")).map(Long::valueOf).toList();
    }
}
