package io.odoopulse.pull;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import io.odoopulse.support.TestDatabase;
import org.junit.jupiter.api.Test;

class CheckpointStoreTest {

    @Test
    void aCheckpointIsConfirmedAtTheApplicationsTime() {
        Instant now = Instant.parse("2026-11-22T10:05:00Z");
        CheckpointStore checkpoints = new CheckpointStore(TestDatabase.freshH2(), Clock.fixed(now, ZoneOffset.UTC));

        checkpoints.commit("t", "sale.order", "2026-11-22 10:00:00");
        checkpoints.commit("t", "sale.order", "2026-11-22 10:00:00");

        assertThat(checkpoints.checkpoint("t", "sale.order")).get()
                .extracting(CheckpointStore.Checkpoint::committedAt).isEqualTo(now);
    }
}
