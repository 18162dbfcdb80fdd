package io.odoopulse.notice;

import java.time.Instant;

/**
 * Something operators should know that is not a failed record (those are dead letters): e.g. rows Odoo stamped
 * beyond its own clock. Open while the condition lasts, counted each time it is seen, resolved when it clears.
 *
 * @param confirmedAt when an operator confirmed it (POST /api/notices/{id}/confirm); only kinds that wait for a
 *                    confirmation act on it (e.g. a withheld deletion drop)
 */
public record Notice(long id, String tenant, String model, String kind, String message, Status status,
                     int occurrences, Instant firstSeen, Instant lastSeen, Instant resolvedAt, Instant confirmedAt) {

    public enum Status { OPEN, RESOLVED }
}
