package io.odoopulse.pull;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** The page size adapts within the tenant's pull.page-size: start small, grow while fast, back off when strained. */
class PageSizeTest {

    private final PageSize sizes = new PageSize(200);

    @Test
    void aModelNotReadBeforeStartsAtAQuarterOfThePageSize() {
        assertThat(sizes.start()).isEqualTo(50);
    }

    @Test
    void fullPagesAnsweredFastDoubleUpToThePageSize() {
        int size = sizes.start();
        size = sizes.next(size, true, Duration.ofMillis(80), false);
        assertThat(size).isEqualTo(100);
        size = sizes.next(size, true, Duration.ofMillis(80), false);
        assertThat(size).isEqualTo(200);

        assertThat(sizes.next(size, true, Duration.ofMillis(80), false)).isEqualTo(200);
    }

    @Test
    void aShortPageOrAnUnhurriedOneKeepsTheSize() {
        assertThat(sizes.next(100, false, Duration.ofMillis(80), false)).isEqualTo(100);
        assertThat(sizes.next(100, true, Duration.ofSeconds(1), false)).isEqualTo(100);
    }

    @Test
    void aSlowAnswerHalvesTheSize() {
        assertThat(sizes.next(200, true, Duration.ofSeconds(3), false)).isEqualTo(100);
    }

    @Test
    void anOverloadedOdooHalvesTheSizeHoweverFastThePageCame() {
        assertThat(sizes.next(200, true, Duration.ofMillis(80), true)).isEqualTo(100);
    }

    @Test
    void backingOffStopsAtASixteenthOfThePageSize() {
        int size = 200;
        for (int i = 0; i < 10; i++) {
            size = sizes.next(size, true, Duration.ofSeconds(5), true);
        }

        assertThat(size).isEqualTo(12);
    }

    @Test
    void aPageSizeLoweredInTheBundleCapsTheSizeAlreadyReached() {
        assertThat(new PageSize(50).next(200, false, Duration.ofMillis(80), false)).isEqualTo(50);
    }
}
