package io.odoopulse.odoo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** The calls a tenant may have open adapt within pull.max-concurrent-calls: start at one, grow gently, halve fast. */
class CallLimitTest {

    private static final Duration FAST = Duration.ofMillis(50);

    @Test
    void itStartsAtOneCallAndGrowsByOneAfterAsManyGoodAnswersInARowAsTheLimit() throws Exception {
        CallLimit limit = new CallLimit(4);
        assertThat(limit.limit()).isEqualTo(1);

        calls(limit, 1, FAST, false);
        assertThat(limit.limit()).isEqualTo(2);
        calls(limit, 2, FAST, false);
        assertThat(limit.limit()).isEqualTo(3);
        calls(limit, 3, FAST, false);
        assertThat(limit.limit()).isEqualTo(4);

        calls(limit, 10, FAST, false);
        assertThat(limit.limit()).as("never beyond max-concurrent-calls").isEqualTo(4);
    }

    @Test
    void anOverloadedAnswerHalvesTheLimit() throws Exception {
        CallLimit limit = grown(4);

        calls(limit, 1, FAST, true);

        assertThat(limit.limit()).isEqualTo(2);
        assertThat(limit.overloads()).isEqualTo(1);
    }

    @Test
    void aSlowAnswerHalvesTheLimitButIsNoOverload() throws Exception {
        CallLimit limit = grown(4);

        calls(limit, 1, CallLimit.SLOW.plusMillis(1), false);

        assertThat(limit.limit()).isEqualTo(2);
        assertThat(limit.overloads()).isZero();
    }

    @Test
    void neverMoreCallsOpenThanTheLimit() throws Exception {
        CallLimit limit = new CallLimit(3);
        AtomicInteger open = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch done = new CountDownLatch(200);
        for (int i = 0; i < 200; i++) {
            pool.submit(() -> {
                try {
                    limit.acquire();
                    most.accumulateAndGet(open.incrementAndGet(), Math::max);
                    Thread.sleep(1);
                    open.decrementAndGet();
                    limit.release(FAST, false);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    done.countDown();
                }
            });
        }

        assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
        pool.shutdown();
        assertThat(most.get()).isEqualTo(3);
    }

    private static CallLimit grown(int max) throws InterruptedException {
        CallLimit limit = new CallLimit(max);
        calls(limit, 20, FAST, false);
        assertThat(limit.limit()).isEqualTo(max);
        return limit;
    }

    private static void calls(CallLimit limit, int n, Duration took, boolean overloaded) throws InterruptedException {
        for (int i = 0; i < n; i++) {
            limit.acquire();
            limit.release(took, overloaded);
        }
    }
}
