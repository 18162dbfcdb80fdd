package io.odoopulse.pull;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.odoopulse.odoo.OdooException;
import org.junit.jupiter.api.Test;

class PullCursorTest {

    private static Map<String, Object> row(int id, String writeDate) {
        return Map.of("id", id, "write_date", writeDate);
    }

    @Test
    void aFirstPullScansEverythingOldestChangeFirst() {
        PullCursor cursor = new PullCursor("t", "sale.order", Optional.empty(), Duration.ofSeconds(30), 3);

        assertThat(cursor.nextQuery()).isEqualTo(new PullCursor.Query(List.of(), "write_date asc, id asc", 3));
    }

    @Test
    void aPullResumesBeforeItsCheckpointByTheOverlap() {
        PullCursor cursor = new PullCursor("t", "m", Optional.of("2026-11-22 10:00:00"), Duration.ofSeconds(30), 3);

        assertThat(cursor.nextQuery().domain()).containsExactly(List.of("write_date", ">=", "2026-11-22 09:59:30"));
    }

    @Test
    void aCheckpointConfirmedLongAfterItsSecondResumesRightAtIt() {
        var settled = new CheckpointStore.Checkpoint("2026-11-22 10:00:00", java.time.Instant.parse("2026-11-22T10:05:00Z"),
                null);

        PullCursor cursor = PullCursor.resume("t", "m", Optional.of(settled), Duration.ofSeconds(30), 3);

        assertThat(cursor.nextQuery().domain()).containsExactly(List.of("write_date", ">=", "2026-11-22 10:00:00"));
        assertThat(cursor.safePoint()).contains("2026-11-22 10:00:00");
    }

    @Test
    void aCheckpointConfirmedWithinTheOverlapIsReadAgainFromBeforeIt() {
        var fresh = new CheckpointStore.Checkpoint("2026-11-22 10:00:00", java.time.Instant.parse("2026-11-22T10:00:40Z"),
                null);

        PullCursor cursor = PullCursor.resume("t", "m", Optional.of(fresh), Duration.ofSeconds(30), 3);

        assertThat(cursor.nextQuery().domain()).containsExactly(List.of("write_date", ">=", "2026-11-22 09:59:30"));
    }

    @Test
    void aShortPageEndsThePullAndCheckpointsTheEndOfItsLastSecond() {
        PullCursor cursor = new PullCursor("t", "m", Optional.empty(), Duration.ZERO, 3);

        List<Map<String, Object>> handedOn = cursor.accept(List.of(row(1, "2026-01-01 00:00:01"),
                row(2, "2026-01-01 00:00:05")));

        assertThat(handedOn).hasSize(2);
        assertThat(cursor.isHasMore()).isFalse();
        assertThat(cursor.safePoint()).contains("2026-01-01 00:00:06");
    }

    @Test
    void aFullPageHoldsBackItsLastSecondAndDrainsItByIdKeyset() {
        PullCursor cursor = new PullCursor("t", "m", Optional.empty(), Duration.ZERO, 3);

        List<Map<String, Object>> handedOn = cursor.accept(List.of(row(1, "2026-01-01 00:00:01"),
                row(9, "2026-01-01 00:00:07"), row(4, "2026-01-01 00:00:07")));

        assertThat(handedOn).extracting(r -> r.get("id")).containsExactly(1);
        assertThat(cursor.safePoint()).contains("2026-01-01 00:00:07");
        assertThat(cursor.nextQuery()).isEqualTo(new PullCursor.Query(List.of(
                List.of("write_date", ">=", "2026-01-01 00:00:07"), List.of("write_date", "<", "2026-01-01 00:00:08"),
                List.of("id", ">", 0)), "id asc", 3));
    }

    @Test
    void aSecondWithMoreRowsThanAPageIsDrainedAcrossPagesThenTheScanMovesPastIt() {
        PullCursor cursor = new PullCursor("t", "m", Optional.empty(), Duration.ZERO, 2);
        cursor.accept(List.of(row(5, "2026-01-01 00:00:07"), row(3, "2026-01-01 00:00:07")));

        assertThat(cursor.accept(List.of(row(3, "2026-01-01 00:00:07"), row(5, "2026-01-01 00:00:07")))).hasSize(2);
        assertThat(cursor.nextQuery().domain()).contains(List.of("id", ">", 5));
        assertThat(cursor.safePoint()).contains("2026-01-01 00:00:07");

        assertThat(cursor.accept(List.of(row(8, "2026-01-01 00:00:07")))).hasSize(1);
        assertThat(cursor.nextQuery()).isEqualTo(new PullCursor.Query(
                List.of(List.of("write_date", ">=", "2026-01-01 00:00:08")), "write_date asc, id asc", 2));
        assertThat(cursor.safePoint()).contains("2026-01-01 00:00:08");
        assertThat(cursor.isHasMore()).isTrue();
    }

    @Test
    void anEmptyPullKeepsItsCheckpoint() {
        PullCursor cursor = new PullCursor("t", "m", Optional.of("2026-01-01 00:00:09"), Duration.ofSeconds(5), 2);

        cursor.accept(List.of());

        assertThat(cursor.isHasMore()).isFalse();
        assertThat(cursor.safePoint()).contains("2026-01-01 00:00:09");
    }

    @Test
    void aRecordWithoutWriteDateIsAClearError() {
        PullCursor cursor = new PullCursor("t", "sale.order", Optional.empty(), Duration.ZERO, 1);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> cursor.accept(List.of(Map.of("id", 4))))
                .isInstanceOf(OdooException.class).hasMessageContaining("sale.order record 4 has no write_date");
    }
}
