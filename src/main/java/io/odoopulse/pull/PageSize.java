package io.odoopulse.pull;

import java.time.Duration;

import io.odoopulse.odoo.CallLimit;

/**
 * The page size of a pull's next call, within the tenant's {@code pull.page-size}: a pull of a model not read before
 * starts at a quarter of it; a full page answered fast doubles it, up to the page size; a page answered slowly, or
 * read while Odoo refused calls as overloaded (429, 503, timeouts; retried by the client), halves it, down to a
 * sixteenth; so does a page that failed after the client's retries. What a model's pull ends at is where its next
 * pull starts.
 */
record PageSize(int ceiling) {

    /** A full page answered within this grows the next one. */
    static final Duration FAST = CallLimit.SLOW.dividedBy(4);
    /** How long a page that never came took, as far as sizing goes. */
    static final Duration FAILED = Duration.ofDays(1);

    int floor() {
        return Math.max(1, ceiling / 16);
    }

    int start() {
        return Math.max(floor(), ceiling / 4);
    }

    /**
     * @param current the size the page was asked with
     * @param full whether Odoo filled it
     * @param took how long the page took, the client's retries included
     * @param overloaded whether Odoo refused a call as overloaded meanwhile
     */
    int next(int current, boolean full, Duration took, boolean overloaded) {
        if (overloaded || took.compareTo(CallLimit.SLOW) > 0) {
            return Math.max(floor(), current / 2);
        }
        if (full && took.compareTo(FAST) < 0) {
            return Math.min(ceiling, current * 2);
        }
        return Math.min(ceiling, Math.max(floor(), current));
    }
}
