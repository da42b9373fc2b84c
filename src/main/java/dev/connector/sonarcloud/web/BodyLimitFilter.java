package dev.connector.sonarcloud.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies over the limit (64 KiB by default): at once when Content-Length says so,
 * or as soon as a chunked body crosses it, so a huge body costs neither memory nor a thread for long.
 * A body that is not in by {@code connector.request-body-timeout} after the request's first byte (a trickle, or slow
 * headers) is a 408, and that connection closes. A client silent for longer than Tomcat's connection timeout is cut
 * by Tomcat itself.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 3) // after the CORS filter (WebConfig): its 413 carries the CORS headers
public class BodyLimitFilter extends OncePerRequestFilter {

    /** When the request's first byte arrived ({@link System#nanoTime()}), set by Tomcat's valve (TomcatConfig). */
    static final String RECEIVED_AT_NANOS = BodyLimitFilter.class.getName() + ".receivedAt";
    /** Set on a request whose connection must close after the answer (its body is not read to the end). */
    static final String CLOSE_CONNECTION = BodyLimitFilter.class.getName() + ".close";

    private final long maxBytes;
    private final long timeoutNanos;
    private final Problems problems;

    public BodyLimitFilter(WebProperties properties, Problems problems) {
        this.maxBytes = properties.maxRequestBody();
        this.timeoutNanos = properties.requestBodyTimeout().toNanos();
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBytes) {
            response.setHeader("Connection", "close");
            problems.write(request, response, tooLarge());
            return;
        }
        long receivedAt = request.getAttribute(RECEIVED_AT_NANOS) instanceof Long nanos && nanos > 0 ? nanos
                : System.nanoTime();
        chain.doFilter(new LimitedRequest(request, receivedAt + timeoutNanos), response);
    }

    private ApiException slow(HttpServletRequest request) {
        request.setAttribute(CLOSE_CONNECTION, Boolean.TRUE);
        return ApiException.of(ErrorCode.REQUEST_TIMEOUT, "The request body did not arrive within "
                + (timeoutNanos / 1_000_000_000L) + " s");
    }

    private ApiException tooLarge() {
        return ApiException.validation("The request body exceeds " + maxBytes + " bytes",
                List.of(new ApiException.FieldError("body", "must be at most " + maxBytes + " bytes")));
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
                limited = new LimitedInputStream((HttpServletRequest) getRequest(), super.getInputStream(), deadlineNanos);
            }
            return limited;
        }
    }

    private final class LimitedInputStream extends ServletInputStream {
        private final HttpServletRequest request;
        private final ServletInputStream delegate;
        private final long deadlineNanos;
        private long count;

        LimitedInputStream(HttpServletRequest request, ServletInputStream delegate, long deadlineNanos) {
            this.request = request;
            this.delegate = delegate;
            this.deadlineNanos = deadlineNanos;
        }

        @Override
        public int read() throws IOException {
            checkDeadline();
            int b;
            try {
                b = delegate.read();
            } catch (IOException e) {
                throw failed(e);
            }
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            checkDeadline();
            int n;
            try {
                n = delegate.read(buffer, offset, length);
            } catch (IOException e) {
                throw failed(e);
            }
            if (n > 0) {
                count(n);
            }
            return n;
        }

        /**
         * A read that failed (the client went silent past Tomcat's connection timeout, or away): nothing more is
         * read from this connection; a silence that ran past the deadline is answered as one.
         */
        private IOException failed(IOException e) {
            request.setAttribute(CLOSE_CONNECTION, Boolean.TRUE);
            checkDeadline();
            return e;
        }

        private void count(int n) {
            count += n;
            if (count > maxBytes) {
                request.setAttribute(CLOSE_CONNECTION, Boolean.TRUE);
                throw tooLarge();
            }
            checkDeadline();
        }

        /** Between reads: a trickle of bytes, each within the per-read timeout, still ends at the deadline. */
        private void checkDeadline() {
            if (System.nanoTime() - deadlineNanos > 0 && !delegate.isFinished()) {
                throw slow(request);
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
