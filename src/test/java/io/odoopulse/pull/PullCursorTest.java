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
    void aFirstPullScansEverythingOldestChangeFirstAskingOneRowMoreThanAPage() {
        PullCursor cursor = new PullCursor("t", "sale.order", Optional.empty(), Duration.ofSeconds(30), 3);

        assertThat(cursor.nextQuery()).isEqualTo(new PullCursor.Query(List.of(), "write_date asc, id asc", 4));
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
    void aPageOfExactlyThePageSizeIsShortAndEndsThePull() {
        PullCursor cursor = new PullCursor("t", "m", Optional.empty(), Duration.ZERO, 3);

        List<Map<String, Object>> handedOn = cursor.accept(List.of(row(1, "2026-01-01 00:00:01"),
                row(2, "2026-01-01 00:00:05"), row(3, "2026-01-01 00:00:05")));

        assertThat(handedOn).extracting(r -> r.get("id")).containsExactly(1, 2, 3);
        assertThat(cursor.isHasMore()).isFalse();
        assertThat(cursor.safePoint()).contains("2026-01-01 00:00:06");
        assertThat(cursor.records()).isEqualTo(3);
    }

    @Test
    void aFullPageWhoseExtraRowLiesInALaterSecondIsHandedOnWholeAndTheScanGoesOnWithoutADrain() {
        PullCursor cursor = new PullCursor("t", "m", Optional.empty(), Duration.ZERO, 3);

        List<Map<String, Object>> handedOn = cursor.accept(List.of(row(1, "2026-01-01 00:00:01"),
                row(9, "2026-01-01 00:00:07"), row(4, "2026-01-01 00:00:07"), row(2, "2026-01-01 00:00:09")));

        assertThat(handedOn).as("the page, not its extra row").extracting(r -> r.get("id")).containsExactly(1, 9, 4);
        assertThat(cursor.records()).isEqualTo(3);
        assertThat(cursor.safePoint()).contains("2026-01-01 00:00:08");
        assertThat(cursor.isHasMore()).isTrue();
        assertThat(cursor.nextQuery()).isEqualTo(new PullCursor.Query(
                List.of(List.of("write_date", ">=", "2026-01-01 00:00:08")), "write_date asc, id asc", 4));
    }

    @Test
    void aFullPageWhoseExtraRowSharesItsLastSecondHandsOnTheSecondsBeforeAndScansAgainFromThatSecond() {
        PullCursor cursor = new PullCursor("t", "m", Optional.empty(), Duration.ZERO, 3);

        List<Map<String, Object>> handedOn = cursor.accept(List.of(row(1, "2026-01-01 00:00:01"),
                row(9, "2026-01-01 00:00:07"), row(4, "2026-01-01 00:00:07"), row(6, "2026-01-01 00:00:07")));

        assertThat(handedOn).as("rows of 00:00:07 are held back").extracting(r -> r.get("id")).containsExactly(1);
        assertThat(cursor.safePoint()).contains("2026-01-01 00:00:07");
        assertThat(cursor.isHasMore()).isTrue();
        assertThat(cursor.nextQuery()).isEqualTo(new PullCursor.Query(
                List.of(List.of("write_date", ">=", "2026-01-01 00:00:07")), "write_date asc, id asc", 4));
    }

    @Test
    void aFullPageWhollyInOneSecondThatGoesOnBeyondItHandsNothingOnAndDrainsThatSecondByIdKeyset() {
        PullCursor cursor = new PullCursor("t", "m", Optional.empty(), Duration.ZERO, 3);

        List<Map<String, Object>> handedOn = cursor.accept(List.of(row(5, "2026-01-01 00:00:07"),
                row(9, "2026-01-01 00:00:07"), row(4, "2026-01-01 00:00:07"), row(6, "2026-01-01 00:00:07")));

        assertThat(handedOn).isEmpty();
        assertThat(cursor.safePoint()).contains("2026-01-01 00:00:07");
        assertThat(cursor.nextQuery()).isEqualTo(new PullCursor.Query(List.of(
                List.of("write_date", ">=", "2026-01-01 00:00:07"), List.of("write_date", "<", "2026-01-01 00:00:08"),
                List.of("id", ">", 0)), "id asc", 3));
    }

    @Test
    void aSecondWithMoreRowsThanAPageIsDrainedAcrossPagesThenTheScanMovesPastIt() {
        PullCursor cursor = new PullCursor("t", "m", Optional.empty(), Duration.ZERO, 2);
        cursor.accept(List.of(row(5, "2026-01-01 00:00:07"), row(3, "2026-01-01 00:00:07"),
                row(8, "2026-01-01 00:00:07")));

        assertThat(cursor.accept(List.of(row(3, "2026-01-01 00:00:07"), row(5, "2026-01-01 00:00:07")))).hasSize(2);
        assertThat(cursor.nextQuery().domain()).contains(List.of("id", ">", 5));
        assertThat(cursor.safePoint()).contains("2026-01-01 00:00:07");

        assertThat(cursor.accept(List.of(row(8, "2026-01-01 00:00:07")))).hasSize(1);
        assertThat(cursor.nextQuery()).isEqualTo(new PullCursor.Query(
                List.of(List.of("write_date", ">=", "2026-01-01 00:00:08")), "write_date asc, id asc", 3));
        assertThat(cursor.safePoint()).contains("2026-01-01 00:00:08");
        assertThat(cursor.isHasMore()).isTrue();
        assertThat(cursor.records()).isEqualTo(3);
    }

    @Test
    void aWholeTableIsHandedOnOnceRowByRowWhateverItsSecondsAndThePageSize() {
        java.util.Random random = new java.util.Random(16);
        for (int pageSize = 1; pageSize <= 7; pageSize++) {
            for (int round = 0; round < 20; round++) {
                // Rows as Odoo holds them: write_date to the microsecond, ids in no order within a second.
                List<long[]> table = new java.util.ArrayList<>();
                int seconds = 1 + random.nextInt(6);
                int rows = random.nextInt(4 * pageSize + 6);
                for (int i = 0; i < rows; i++) {
                    table.add(new long[] {random.nextInt(seconds) * 1_000_000L + random.nextInt(1_000_000),
                            1 + random.nextInt(1000) * 1000 + i});
                }
                PullCursor cursor = new PullCursor("t", "m", Optional.empty(), Duration.ZERO, pageSize);
                List<Object> handedOn = new java.util.ArrayList<>();
                int queries = 0;
                while (cursor.isHasMore()) {
                    assertThat(++queries).as("queries of %d rows in pages of %d", rows, pageSize)
                            .isLessThanOrEqualTo(2 * rows + 2);
                    cursor.accept(answer(table, cursor.nextQuery())).forEach(r -> handedOn.add(r.get("id")));
                }
                assertThat(handedOn).as("rows handed on, pages of %d", pageSize).doesNotHaveDuplicates()
                        .containsExactlyInAnyOrderElementsOf(table.stream().map(r -> (Object) (int) r[1]).toList());
                assertThat(cursor.records()).isEqualTo(rows);
            }
        }
    }

    /** What Odoo answers: it compares and orders write_date to the microsecond, and returns it to the second. */
    private static List<Map<String, Object>> answer(List<long[]> table, PullCursor.Query query) {
        java.util.function.Function<long[], String> second = r -> String.format("2026-01-01 00:00:%02d",
                r[0] / 1_000_000);
        java.util.stream.Stream<long[]> rows = table.stream().filter(r -> query.domain().stream().allMatch(c -> {
            Object value = c.get(2);
            int compared = c.get(0).equals("id") ? Long.compare(r[1], ((Number) value).longValue())
                    : Long.compare(r[0], Long.parseLong(((String) value).substring(17)) * 1_000_000L);
            return switch ((String) c.get(1)) {
                case ">=" -> compared >= 0;
                case ">" -> compared > 0;
                case "<" -> compared < 0;
                default -> throw new IllegalArgumentException(c.toString());
            };
        }));
        java.util.Comparator<long[]> order = query.order().equals("id asc") ? java.util.Comparator.comparingLong(r -> r[1])
                : java.util.Comparator.<long[]>comparingLong(r -> r[0]).thenComparingLong(r -> r[1]);
        return rows.sorted(order).limit(query.limit())
                .map(r -> row((int) r[1], second.apply(r))).toList();
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
