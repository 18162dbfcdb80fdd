package io.odoopulse.pull;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import io.odoopulse.notice.NoticeStore;
import io.odoopulse.odoo.OdooConnections;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Follows which companies the tenant's integration user may see, read from Odoo at the start of each tick
 * (table tenant_company_access keeps the last answer). A company granted later holds rows whose write_dates lie
 * before the checkpoints, which incremental pulls would never read: the tenant's models are read again in full. A
 * company taken away would make every read fail (Odoo refuses a context naming it) and reconciliation would take
 * its rows for deleted: reads leave it out, its stored rows are kept and no longer reconciled, and operators get
 * one notice ({@value #HIDDEN}) until it is visible again.
 */
public class CompanyAccess {

    static final String HIDDEN = "company-no-longer-visible";
    private static final String MODEL = "res.company";
    private static final Logger LOG = LoggerFactory.getLogger(CompanyAccess.class);

    private final OdooConnections connections;
    private final CheckpointStore checkpoints;
    private final NoticeStore notices;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    public CompanyAccess(OdooConnections connections, CheckpointStore checkpoints, NoticeStore notices,
                         JdbcTemplate jdbc, Clock clock) {
        this.connections = connections;
        this.checkpoints = checkpoints;
        this.notices = notices;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** At the start of a tick: the user's companies now, against those of the last tick. */
    public void check(@Header("pulseTenant") String tenant) {
        try {
            follow(tenant);
        } catch (RuntimeException e) {
            // Odoo unreachable or the login refused: the model pulls report it, each in its dead letter.
            LOG.debug("tenant {}: companies not checked: {}", tenant, e.getMessage());
        }
    }

    /**
     * Whether every company the user could ever see is visible now, read from Odoo at this moment: a comparison of
     * ids with Odoo's (deletion reconciliation) is only sound then, since a company taken away during the tick
     * hides its rows from Odoo's answers.
     */
    public boolean allVisible(String tenant) {
        follow(tenant);
        return hidden(tenant).isEmpty();
    }

    private void follow(String tenant) {
        List<Integer> visibleNow = connections.refreshCompanies(tenant);
        Map<Long, Boolean> known = jdbc.query("SELECT company_id, visible FROM tenant_company_access WHERE tenant = ?",
                rs -> {
                    Map<Long, Boolean> rows = new java.util.HashMap<>();
                    while (rs.next()) {
                        rows.put(rs.getLong(1), rs.getBoolean(2));
                    }
                    return rows;
                }, tenant);
        Set<Long> now = visibleNow.stream().map(Integer::longValue).collect(Collectors.toCollection(TreeSet::new));
        Set<Long> before = known.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<Long> granted = new TreeSet<>(now);
        granted.removeAll(before);
        Set<Long> takenAway = new TreeSet<>(before);
        takenAway.removeAll(now);
        now.forEach(id -> record(tenant, id, true, known.containsKey(id)));
        takenAway.forEach(id -> record(tenant, id, false, true));
        if (known.isEmpty()) {
            return; // the first look: the first load reads every visible company anyway
        }
        if (!granted.isEmpty()) {
            LOG.warn("tenant {}: the integration user may now see company {}; reading every model again in full",
                    tenant, granted);
            checkpoints.resetTenant(tenant);
        }
        Set<Long> hidden = hidden(tenant);
        if (hidden.isEmpty()) {
            notices.resolve(tenant, MODEL, HIDDEN);
        } else if (!takenAway.isEmpty()) {
            String message = ("the integration user may no longer see company %s: its stored rows are kept as they "
                    + "were and no longer reconciled (deletions in the other companies wait too) until access is "
                    + "given back or the tenant's mapping drops it").formatted(hidden);
            LOG.warn("tenant {}: {}", tenant, message);
            notices.raise(tenant, MODEL, HIDDEN, message);
        }
    }

    /** Companies the user could see once and no longer can. */
    public Set<Long> hidden(String tenant) {
        return new TreeSet<>(jdbc.queryForList("SELECT company_id FROM tenant_company_access WHERE tenant = ? "
                + "AND visible = FALSE", Long.class, tenant));
    }

    private void record(String tenant, long company, boolean visible, boolean exists) {
        var now = clock.instant().atOffset(ZoneOffset.UTC);
        if (exists) {
            jdbc.update("UPDATE tenant_company_access SET visible = ?, changed_at = ? WHERE tenant = ? AND company_id = ? "
                    + "AND visible <> ?", visible, now, tenant, company, visible);
        } else {
            try {
                jdbc.update("INSERT INTO tenant_company_access (tenant, company_id, visible, changed_at) "
                        + "VALUES (?, ?, ?, ?)", tenant, company, visible, now);
            } catch (org.springframework.dao.DuplicateKeyException sameTimeElsewhere) {
                // Another model of the tick recorded it first.
            }
        }
    }
}
