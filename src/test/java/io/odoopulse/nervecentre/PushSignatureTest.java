package io.odoopulse.nervecentre;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import io.odoopulse.nervecentre.PushSignature.Verdict;
import org.junit.jupiter.api.Test;

/** The push signature as docs/push-contract.md defines it, checked against Python's hmac module. */
class PushSignatureTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef-demo";
    private static final byte[] BODY = "{\"tenant\":\"demo\",\"cards\":[]}".getBytes(StandardCharsets.UTF_8);
    private static final long TIMESTAMP = 1764806400L;
    private static final Instant NOW = Instant.ofEpochSecond(TIMESTAMP + 30);

    @Test
    void theSignatureIsHmacSha256OfTimestampDotBodyInLowerCaseHex() {
        // python3: hmac.new(SECRET, b'1764806400.' + BODY, hashlib.sha256).hexdigest()
        assertThat(PushSignature.sign(SECRET, TIMESTAMP, BODY))
                .isEqualTo("sha256=435f557d41731cc698542891f81da93906bbfe2be41a779624af89573fbba271");
    }

    @Test
    void aReceiverAcceptsTheSignatureOfTheSameBodyAndTimestamp() {
        assertThat(verify(Long.toString(TIMESTAMP), PushSignature.sign(SECRET, TIMESTAMP, BODY), BODY))
                .isEqualTo(Verdict.VALID);
    }

    @Test
    void aChangedBodyDoesNotMatch() {
        byte[] changed = "{\"tenant\":\"demo\",\"cards\":[1]}".getBytes(StandardCharsets.UTF_8);
        assertThat(verify(Long.toString(TIMESTAMP), PushSignature.sign(SECRET, TIMESTAMP, BODY), changed))
                .isEqualTo(Verdict.MISMATCH);
    }

    @Test
    void aTimestampMovedToReplayAnOldPushDoesNotMatch() {
        assertThat(verify(Long.toString(TIMESTAMP + 10), PushSignature.sign(SECRET, TIMESTAMP, BODY), BODY))
                .isEqualTo(Verdict.MISMATCH);
    }

    @Test
    void aSignatureOlderThanTheToleranceIsExpired() {
        long old = NOW.getEpochSecond() - Duration.ofMinutes(6).toSeconds();
        assertThat(verify(Long.toString(old), PushSignature.sign(SECRET, old, BODY), BODY)).isEqualTo(Verdict.EXPIRED);
    }

    @Test
    void anotherSecretDoesNotMatch() {
        assertThat(verify(Long.toString(TIMESTAMP),
                PushSignature.sign("another-secret-of-more-than-32-characters", TIMESTAMP, BODY), BODY))
                .isEqualTo(Verdict.MISMATCH);
    }

    @Test
    void missingOrMalformedHeadersAreNamedAsSuch() {
        assertThat(verify(null, "sha256=00", BODY)).isEqualTo(Verdict.MISSING);
        assertThat(verify("yesterday", "sha256=00", BODY)).isEqualTo(Verdict.MALFORMED);
        assertThat(verify(Long.toString(TIMESTAMP), "md5=00", BODY)).isEqualTo(Verdict.MALFORMED);
    }

    private static Verdict verify(String timestamp, String signature, byte[] body) {
        return PushSignature.verify(SECRET, timestamp, signature, body, NOW, PushSignature.DEFAULT_TOLERANCE);
    }
}
