package io.odoopulse.support;

import org.springframework.jdbc.core.JdbcTemplate;

/** What the tick ledger (table tenant_tick) says of a tenant's ticks, as an operator would read it. */
public final class TenantTicks {

    private TenantTicks() {
    }

    /** How many of the tenant's ticks completed. */
    public static int done(JdbcTemplate jdbc, String tenant) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM tenant_tick WHERE tenant = ? AND status = 'DONE'",
                Integer.class, tenant);
    }
}
