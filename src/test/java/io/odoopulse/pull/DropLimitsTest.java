package io.odoopulse.pull;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** When a reconciliation's drop is withheld: beyond the share or the row limit, never up to five rows. */
class DropLimitsTest {

    private final DropLimits limits = new DropLimits(0.1, 1000);

    @Test
    void aDropWithinTheShareAndTheRowsIsApplied() {
        assertThat(limits.withheld(100, 1000)).isFalse();
    }

    @Test
    void aDropOverTheShareIsWithheld() {
        assertThat(limits.withheld(101, 1000)).isTrue();
    }

    @Test
    void aDropOverTheRowsIsWithheldWhateverItsShare() {
        assertThat(limits.withheld(1001, 1_000_000)).isTrue();
    }

    @Test
    void upToFiveRowsAreAlwaysAppliedSoSmallTablesLoseTheirDeletedRows() {
        assertThat(limits.withheld(5, 5)).isFalse();
        assertThat(new DropLimits(0, 0).withheld(5, 6)).isFalse();
        assertThat(limits.withheld(6, 6)).isTrue();
    }
}
