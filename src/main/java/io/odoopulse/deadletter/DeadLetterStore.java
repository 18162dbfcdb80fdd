package io.odoopulse.deadletter;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.odoopulse.tenant.TenantRegistry;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The dead-letter store: every failed exchange of every route ends here with its payload and cause, so nothing
 * is lost in a log line. Credentials of the tenant are masked from the cause before it is written.
 */
public class DeadLetterStore {

    /** Exchange property holding the source record as Odoo returned it, set before mapping. */
    public static final String RAW_RECORD = "pulseRawRecord";
    /** Header set by a replay: a failure updates that entry instead of adding a second one. */
    public static final String REPLAY_OF = "pulseReplayOf";
    /** Exchange property set by {@link #store}: the cause as stored, for steps after it. */
    public static final String MASKED_CAUSE = "pulseDeadLetterCause";

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterStore.class);

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final TenantRegistry tenants;

    public DeadLetterStore(JdbcTemplate jdbc, ObjectMapper json, TenantRegistry tenants) {
        this.jdbc = jdbc;
        this.json = json;
        this.tenants = tenants;
    }

    /** Called by the dead-letter channel with the failed exchange. */
    public void store(Exchange exchange) {
        Throwable cause = unwrap(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class));
        String tenant = headerOrProperty(exchange, "pulseTenant");
        String model = headerOrProperty(exchange, "pulseModel");
        Object payload = exchange.getProperty(RAW_RECORD);
        if (payload == null) {
            payload = exchange.getMessage().getBody();
        }
        if (payload != null && !(payload instanceof Map<?, ?> || payload instanceof List<?> || payload instanceof Record)) {
            // Streams, bytes and the like: Camel's converters read them (and reset a stream cache) into text.
            payload = exchange.getMessage().getBody(String.class);
        }
        String recordId = payload instanceof Map<?, ?> record && record.get("id") != null
                ? String.valueOf(record.get("id")) : null;
        String message = mask(tenant, cause == null ? null : cause.getMessage());
        String causeType = cause == null ? "unknown" : cause.getClass().getName();
        String routeId = exchange.getProperty(Exchange.FAILURE_ROUTE_ID, String.class);
        Long replayOf = exchange.getMessage().getHeader(REPLAY_OF, Long.class);
        String text = toText(payload);
        // For the steps after this one (a pull's freshness): the cause as stored, credentials masked.
        exchange.setProperty(MASKED_CAUSE, causeType.substring(causeType.lastIndexOf('.') + 1)
                + (message == null ? "" : ": " + message));
        if (replayOf == null) {
            replayOf = sameOpenFailure(tenant, model, recordId, routeId, causeType, message, text);
        }
        if (replayOf != null) {
            // A replay that failed again gives the entry back to the operators (OPEN).
            jdbc.update("UPDATE dead_letter SET cause_type = ?, cause_message = ?, payload = ?, failed_at = ?, "
                    + "attempts = attempts + 1, status = 'OPEN' WHERE id = ?", causeType, message, text,
                    Instant.now().atOffset(ZoneOffset.UTC), replayOf);
            LOG.warn("dead letter {} failed again: {}: {}", replayOf, causeType, message);
            return;
        }
        jdbc.update("INSERT INTO dead_letter (tenant, model, record_id, route_id, payload, cause_type, cause_message, "
                        + "failed_at, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'OPEN')",
                tenant, model, recordId, routeId, text, causeType, message,
                Instant.now().atOffset(ZoneOffset.UTC));
        LOG.warn("dead-lettered {} {} record {} from route {}: {}: {}", tenant, model, recordId, routeId, causeType,
                message);
    }

    /**
     * The open entry this failure repeats, if any: the same source record with the same content (each pull re-reads
     * its checkpoint's second), or the same failure of a pull or push (a tenant whose Odoo refuses every pull must
     * not add an entry every few seconds). A repeat updates the entry and counts it instead.
     */
    private Long sameOpenFailure(String tenant, String model, String recordId, String routeId, String causeType,
                                 String message, String payload) {
        List<Long> ids = recordId != null
                ? jdbc.queryForList("SELECT id FROM dead_letter WHERE status = 'OPEN' AND tenant = ? AND model = ? "
                        + "AND record_id = ? AND payload = ?", Long.class, tenant, model, recordId, payload)
                : jdbc.queryForList("SELECT id FROM dead_letter WHERE status = 'OPEN' AND record_id IS NULL "
                        + "AND COALESCE(tenant, '') = ? AND COALESCE(model, '') = ? AND COALESCE(route_id, '') = ? "
                        + "AND cause_type = ? AND COALESCE(cause_message, '') = ?", Long.class, nz(tenant), nz(model),
                        nz(routeId), causeType, nz(message));
        return ids.stream().findFirst().orElse(null);
    }

    /** Camel wraps what a bean threw (e.g. in an expression); operators need the failure itself. */
    private static Throwable unwrap(Throwable cause) {
        Throwable current = cause;
        while (current instanceof org.apache.camel.RuntimeCamelException && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    private static String nz(String text) {
        return text == null ? "" : text;
    }

    /** A push replaces the message headers with the contract's; what it keeps for us is in a property. */
    private static String headerOrProperty(Exchange exchange, String name) {
        String value = exchange.getMessage().getHeader(name, String.class);
        return value != null ? value : exchange.getProperty(name, String.class);
    }

    public List<DeadLetter> list(Optional<DeadLetter.Status> status, Optional<String> tenant) {
        return jdbc.query("SELECT * FROM dead_letter WHERE (? IS NULL OR status = ?) AND (? IS NULL OR tenant = ?) "
                        + "ORDER BY id", DeadLetterStore::row,
                status.map(Enum::name).orElse(null), status.map(Enum::name).orElse(null),
                tenant.orElse(null), tenant.orElse(null));
    }

    public Optional<DeadLetter> find(long id) {
        return jdbc.query("SELECT * FROM dead_letter WHERE id = ?", DeadLetterStore::row, id).stream().findFirst();
    }

    /**
     * Takes an open entry for a replay; false when it is not open (replayed, discarded, or being replayed by another
     * operator or instance): the database decides, so two replays of one entry never both run.
     */
    public boolean claimForReplay(long id) {
        return jdbc.update("UPDATE dead_letter SET status = 'REPLAYING' WHERE id = ? AND status = 'OPEN'", id) == 1;
    }

    /** The replay that held the entry succeeded. */
    public void replayed(long id) {
        jdbc.update("UPDATE dead_letter SET status = 'REPLAYED', resolved_at = ? WHERE id = ? AND status = 'REPLAYING'",
                Instant.now().atOffset(ZoneOffset.UTC), id);
    }

    /** The replay that held the entry failed: it is the operators' again. */
    public void reopen(long id) {
        jdbc.update("UPDATE dead_letter SET status = 'OPEN' WHERE id = ? AND status = 'REPLAYING'", id);
    }

    /** Moves an open entry to {@code status}; false when it was not open (already replayed or discarded). */
    public boolean resolve(long id, DeadLetter.Status status) {
        return jdbc.update("UPDATE dead_letter SET status = ?, resolved_at = ? WHERE id = ? AND status = 'OPEN'",
                status.name(), Instant.now().atOffset(ZoneOffset.UTC), id) == 1;
    }

    private String mask(String tenantId, String message) {
        if (message == null || tenantId == null) {
            return message;
        }
        try {
            var tenant = tenants.get(tenantId);
            return tenant.signingSecret().redact(tenant.odoo().password().redact(message));
        } catch (IllegalArgumentException unknownTenant) {
            return message;
        }
    }

    private String toText(Object payload) {
        if (payload == null || payload instanceof String) {
            return (String) payload;
        }
        try {
            return json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            return String.valueOf(payload);
        }
    }

    static DeadLetter row(ResultSet rs, int rowNum) throws SQLException {
        OffsetDateTime resolved = rs.getObject("resolved_at", OffsetDateTime.class);
        return new DeadLetter(rs.getLong("id"), rs.getString("tenant"), rs.getString("model"),
                rs.getString("record_id"), rs.getString("route_id"), rs.getString("payload"),
                rs.getString("cause_type"), rs.getString("cause_message"),
                rs.getObject("failed_at", OffsetDateTime.class).toInstant(),
                DeadLetter.Status.valueOf(rs.getString("status")), rs.getInt("attempts"),
                resolved == null ? null : resolved.toInstant());
    }
}
