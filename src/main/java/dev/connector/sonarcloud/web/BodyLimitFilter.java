package dev.connector.sonarcloud.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies over the limit (64 KiB by default): at once when Content-Length says so,
 * or as soon as a chunked body crosses it, so a huge body costs neither memory nor a thread for long.
 * A body that takes longer than {@code connector.request-body-timeout} to arrive (a trickle) is a 408.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 3) // after the CORS filter (WebConfig): its 413 carries the CORS headers
public class BodyLimitFilter extends OncePerRequestFilter {

    private final long maxBytes;
    private final long timeoutNanos;
    private final Problems problems;

    public BodyLimitFilter(@Value("${connector.max-request-body:65536}") long maxBytes,
                           @Value("${connector.request-body-timeout:10s}") java.time.Duration timeout, Problems problems) {
        this.maxBytes = maxBytes;
        this.timeoutNanos = timeout.toNanos();
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBytes) {
            response.setHeader("Connection", "close");
            problems.write(response, tooLarge());
            return;
        }
        chain.doFilter(new LimitedRequest(request, System.nanoTime() + timeoutNanos), response);
    }

    /** Tomcat closes the connection after a 408, so the unread rest of the body is not a problem. */
    private ApiException slow() {
        return new ApiException(408, "request_timeout", "Request timeout", "The request body did not arrive within "
                + (timeoutNanos / 1_000_000_000L) + " s", null, null, null);
    }

    private ApiException tooLarge() {
        return ApiException.validation("The request body exceeds " + maxBytes + " bytes",
                java.util.List.of(new ApiException.FieldError("body", "must be at most " + maxBytes + " bytes")));
    }

    private final class LimitedRequest extends HttpServletRequestWrapper {
        private final long deadlineNanos;
        private ServletInputStream limited;

        LimitedRequest(HttpServletRequest request, long deadlineNanos) {
            super(request);
            this.deadlineNanos = deadlineNanos;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (limited == null) {
                limited = new LimitedInputStream(super.getInputStream(), deadlineNanos);
            }
            return limited;
        }
    }

    private final class LimitedInputStream extends ServletInputStream {
        private final ServletInputStream delegate;
        private final long deadlineNanos;
        private long count;

        LimitedInputStream(ServletInputStream delegate, long deadlineNanos) {
            this.delegate = delegate;
            this.deadlineNanos = deadlineNanos;
        }

        @Override
        public int read() throws IOException {
            int b = delegate.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = delegate.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            count += n;
            if (count > maxBytes) {
                throw tooLarge();
            }
            if (System.nanoTime() - deadlineNanos > 0 && !delegate.isFinished()) {
                throw slow();
            }
        }

        @Override
        public boolean isFinished() {
            return delegate.isFinished();
        }

        @Override
        public boolean isReady() {
            return delegate.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            delegate.setReadListener(listener);
        }
    }
}
