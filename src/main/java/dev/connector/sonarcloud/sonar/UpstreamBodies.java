package dev.connector.sonarcloud.sonar;

import dev.connector.sonarcloud.web.ApiException;
import dev.connector.sonarcloud.web.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;

/** Reading an upstream body with a size cap and the request's deadline, and scrubbing the token out of it. */
final class UpstreamBodies {

    private static final byte[] REDACTED = "[REDACTED]".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private UpstreamBodies() {
    }

    /** Thrown when the body (after decompression) passes the cap; the connection has been dropped. */
    static final class TooLarge extends RuntimeException {
        final int status;

        TooLarge(int status) {
            super(null, null, false, false);
            this.status = status;
        }
    }

    /**
     * Reads at most {@code maxBytes} into growing chunks (nothing is copied until the end, so a body that passes the
     * cap costs the cap, not twice it), checking the deadline between reads (a trickle cannot outlive it).
     */
    static byte[] read(InputStream in, long maxBytes, UpstreamExchange exchange, int status) throws IOException {
        List<byte[]> chunks = new ArrayList<>();
        int chunkSize = 8 * 1024;
        long total = 0;
        while (true) {
            byte[] chunk = new byte[chunkSize];
            int filled = 0;
            while (filled < chunk.length) {
                int n = in.read(chunk, filled, chunk.length - filled);
                if (n < 0) {
                    chunks.add(filled == chunk.length ? chunk : java.util.Arrays.copyOf(chunk, filled));
                    return join(chunks, total);
                }
                filled += n;
                total += n;
                if (total > maxBytes) {
                    exchange.abort();
                    throw new TooLarge(status);
                }
                if (exchange.expired()) {
                    exchange.expire();
                    throw new SocketTimeoutException("the request's deadline passed while reading the body");
                }
            }
            chunks.add(chunk);
            chunkSize = Math.min(chunkSize * 2, 1024 * 1024);
        }
    }

    private static byte[] join(List<byte[]> chunks, long total) {
        if (chunks.size() == 1) {
            return chunks.getFirst();
        }
        byte[] body = new byte[(int) total];
        int at = 0;
        for (byte[] chunk : chunks) {
            System.arraycopy(chunk, 0, body, at, chunk.length);
            at += chunk.length;
        }
        return body;
    }

    /** The body with every occurrence of the token replaced (an upstream may echo the Authorization header). */
    static byte[] redact(byte[] body, String token) {
        if (token == null || token.isEmpty()) {
            return body;
        }
        byte[] secret = token.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int first = indexOf(body, secret, 0);
        if (first < 0) {
            return body;
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(body.length);
        int from = 0;
        for (int at = first; at >= 0; at = indexOf(body, secret, from)) {
            out.write(body, from, at - from);
            out.write(REDACTED, 0, REDACTED.length);
            from = at + secret.length;
        }
        out.write(body, from, body.length - from);
        return out.toByteArray();
    }

    private static int indexOf(byte[] body, byte[] secret, int from) {
        outer:
        for (int i = from; i <= body.length - secret.length; i++) {
            for (int j = 0; j < secret.length; j++) {
                if (body[i + j] != secret[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    static ApiException tooLarge(int status, String url, long maxBytes) {
        return ApiException.of(ErrorCode.RESPONSE_TOO_LARGE, "SonarQube Cloud's response is larger than "
                + (maxBytes / (1024 * 1024)) + " MB; ask for a smaller page or range")
                .withProviderError(new ApiException.ProviderError(status, url, null));
    }
}
