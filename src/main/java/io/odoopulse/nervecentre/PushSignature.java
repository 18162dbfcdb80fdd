package io.odoopulse.nervecentre;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of a push (docs/push-contract.md): {@code sha256=<hex>} of HMAC-SHA256, keyed with the tenant's
 * signing secret, over {@code <timestamp>.<body>}. The timestamp is signed too, so an old push cannot be replayed
 * with a fresh timestamp, and a receiver refuses one whose timestamp is further from its clock than a tolerance.
 */
public final class PushSignature {

    public static final String SIGNATURE_HEADER = "X-Pulse-Signature";
    /** Epoch seconds when the push was signed. */
    public static final String TIMESTAMP_HEADER = "X-Pulse-Timestamp";
    /** How far a timestamp may be from the receiver's clock: retries of one push keep their first timestamp. */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    private static final String SCHEME = "sha256=";

    private PushSignature() {
    }

    public static String sign(String secret, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return SCHEME + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    /** What a receiver found; {@link #VALID} or why not, never the expected signature. */
    public enum Verdict { VALID, MISSING, MALFORMED, EXPIRED, MISMATCH }

    public static Verdict verify(String secret, String timestampHeader, String signatureHeader, byte[] body,
                                 Instant now, Duration tolerance) {
        if (timestampHeader == null || signatureHeader == null) {
            return Verdict.MISSING;
        }
        long timestamp;
        try {
            timestamp = Long.parseLong(timestampHeader.strip());
        } catch (NumberFormatException e) {
            return Verdict.MALFORMED;
        }
        if (!signatureHeader.startsWith(SCHEME)) {
            return Verdict.MALFORMED;
        }
        if (Math.abs(now.getEpochSecond() - timestamp) > tolerance.toSeconds()) {
            return Verdict.EXPIRED;
        }
        byte[] expected = sign(secret, timestamp, body).getBytes(StandardCharsets.US_ASCII);
        // Constant time: a byte-by-byte early exit would tell an attacker how much of a guess was right.
        return MessageDigest.isEqual(expected, signatureHeader.strip().getBytes(StandardCharsets.US_ASCII))
                ? Verdict.VALID : Verdict.MISMATCH;
    }
}
