package io.odoopulse.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;

/** The built-in Nerve Centre keeps a bounded history: per tenant, and in all, however many tenants push. */
class SnapshotInboxTest {

    private final SnapshotInbox inbox = new SnapshotInbox();

    @Test
    void aTenantKeepsItsLatestFiftySnapshots() {
        for (int i = 1; i <= 60; i++) {
            inbox.accept(snapshot("acme", i));
        }

        assertThat(inbox.all("acme")).hasSize(50);
        assertThat(inbox.all("acme").get(0).path("n").asInt()).isEqualTo(11);
        assertThat(inbox.latest("acme").orElseThrow().path("n").asInt()).isEqualTo(60);
    }

    @Test
    void manyTenantsShareABoundedHistoryAndEachKeepsItsLatest() {
        for (int round = 1; round <= 5; round++) {
            for (int t = 0; t < 300; t++) {
                inbox.accept(snapshot("t" + t, round));
            }
        }

        int inAll = 0;
        for (int t = 0; t < 300; t++) {
            inAll += inbox.all("t" + t).size();
            assertThat(inbox.latest("t" + t).orElseThrow().path("n").asInt()).isEqualTo(5);
        }
        assertThat(inAll).isEqualTo(300);
    }

    @Test
    void belowTheBoundTheOldestOfTheTenantHoldingMostGoesFirst() {
        for (int i = 1; i <= 50; i++) {
            inbox.accept(snapshot("big", i));
        }
        for (int t = 0; t < SnapshotInbox.KEPT_IN_ALL - 50; t++) {
            inbox.accept(snapshot("t" + t, 1));
        }

        inbox.accept(snapshot("late", 1));

        assertThat(inbox.all("big")).hasSize(49);
        assertThat(inbox.all("big").get(0).path("n").asInt()).isEqualTo(2);
        assertThat(inbox.all("late")).hasSize(1);
    }

    @Test
    void aPushedSnapshotIsGivenBackAsItWasSent() throws Exception {
        byte[] body = "{\"tenant\":\"acme\",\"cards\":[{\"id\":\"revenue\",\"value\":1234.5,\"n\":7}]}"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);

        inbox.accept("acme", body, "key-1");

        assertThat(inbox.latest("acme").orElseThrow()).isEqualTo(new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(body));
        assertThat(inbox.accept("acme", body, "key-1")).as("the same push again").isFalse();
        assertThat(inbox.all("acme")).hasSize(1);
    }

    private static JsonNode snapshot(String tenant, int n) {
        return JsonNodeFactory.instance.objectNode().put("tenant", tenant).put("n", n);
    }
}
