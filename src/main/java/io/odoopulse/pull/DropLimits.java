package io.odoopulse.pull;

/**
 * How many of a model's live stored rows one reconciliation may mark deleted at once. More than {@code maxShare} of
 * them, or more than {@code maxRows}, is a sudden drop: more likely a user who lost access (a record rule, a company
 * taken off the integration user) than a real purge, so it waits for confirmation. A drop of up to
 * {@value #ALWAYS_APPLIED} rows is always applied, so small tables still lose their deleted rows.
 */
record DropLimits(double maxShare, int maxRows) {

    static final int ALWAYS_APPLIED = 5;

    /** Whether {@code missing} of {@code live} stored rows found missing in one pass must be withheld. */
    boolean withheld(int missing, int live) {
        if (missing <= ALWAYS_APPLIED) {
            return false;
        }
        return missing > maxRows || (double) missing / live > maxShare;
    }
}
