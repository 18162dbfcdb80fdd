package io.odoopulse.deadletter;

import java.time.Instant;

/**
 * One exchange that could not be processed: what it carried and why it failed.
 *
 * @param attempts how often this same payload has failed: re-reads by later pulls and replays count, not duplicates
 */
public record DeadLetter(
        long id,
        String tenant,
        String model,
        String recordId,
        String routeId,
        String payload,
        String causeType,
        String causeMessage,
        Instant failedAt,
        Status status,
        int attempts,
        Instant resolvedAt) {

    /** REPLAYING: a replay holds the entry (taken from OPEN in the database, so only one replay runs). */
    public enum Status { OPEN, REPLAYING, REPLAYED, DISCARDED }
}
