package dev.connector.sonarcloud.web;

import jakarta.servlet.ServletException;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;
import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

@Configuration
public class TomcatConfig {

    /**
     * SonarQube file keys contain '/' ({@code project:src/main/Foo.java}); in a REST path segment they travel as
     * {@code %2F}. Tomcat refuses that by default; pass it through so the route matches and the path variable decodes.
     */
    @Bean
    TomcatConnectorCustomizer encodedSlashesInPathSegments() {
        return connector -> connector.setEncodedSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue());
    }

    /**
     * The request's body deadline counts from its first byte (so slow headers use it up too), and a request cut by
     * it closes its connection: Tomcat would otherwise swallow the rest of a trickled body before answering.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> requestDeadline() {
        return factory -> factory.addContextValves(new RequestDeadlineValve());
    }

    /** See {@link #requestDeadline()}; the attributes are read and set by {@link BodyLimitFilter}. */
    static final class RequestDeadlineValve extends ValveBase {

        RequestDeadlineValve() {
            super(true);
        }

        @Override
        public void invoke(Request request, Response response) throws IOException, ServletException {
            request.setAttribute(BodyLimitFilter.RECEIVED_AT_NANOS, request.getCoyoteRequest().getStartTimeNanos());
            try {
                getNext().invoke(request, response);
            } finally {
                if (request.getAttribute(BodyLimitFilter.CLOSE_CONNECTION) != null) {
                    // the response is still written; then the connection closes instead of reading on
                    request.getCoyoteRequest().action(ActionCode.DISABLE_SWALLOW_INPUT, null);
                }
            }
        }
    }

    /**
     * Requests Tomcat refuses before the application sees them (oversized or too many headers, {@code %5C} or
     * {@code %00} in the path, bad framing) answer a problem document too, not Tomcat's HTML page: the host's error
     * report valve is replaced by {@link ProblemReportValve} (and registered as the host's class, so Tomcat adds no
     * other). Runs last, after Spring Boot's own customizer has added its valve.
     */
    @Bean
    ProblemErrorReports problemErrorReports() {
        return new ProblemErrorReports();
    }

    static final class ProblemErrorReports implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.addContextCustomizers(context -> {
                StandardHost host = (StandardHost) context.getParent();
                for (Valve valve : host.getPipeline().getValves()) {
                    if (valve instanceof ErrorReportValve) {
                        host.getPipeline().removeValve(valve);
                    }
                }
                host.setErrorReportValveClass(ProblemReportValve.class.getName());
                host.getPipeline().addValve(new ProblemReportValve());
            });
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }

    /** Writes the problem document for an error status that nothing in the application answered. */
    public static class ProblemReportValve extends ErrorReportValve {

        public ProblemReportValve() {
            setShowReport(false);
            setShowServerInfo(false);
        }

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            ApiException problem = FallbackErrorController.problem(status);
            String requestId = RequestIdFilter.requestId(request);
            // plain text built here: the members are fixed strings and a checked or generated request id
            String body = "{\"type\":\"https://docs.sonarcloud-connector.dev/errors/" + problem.code()
                    + "\",\"title\":\"" + problem.title() + "\",\"status\":" + problem.status()
                    + ",\"detail\":\"" + problem.getMessage() + "\",\"code\":\"" + problem.code()
                    + "\",\"request_id\":\"" + requestId + "\",\"timestamp\":\""
                    + Instant.now().truncatedTo(ChronoUnit.MILLIS) + "\",\"statusCode\":" + problem.status()
                    + ",\"message\":\"" + problem.getMessage() + "\"}";
            try {
                response.setStatus(problem.status());
                response.setContentType(Problems.PROBLEM_JSON.toString());
                response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                response.setHeader(RequestIdFilter.HEADER, requestId);
                Writer writer = response.getReporter();
                if (writer != null) {
                    writer.write(body);
                    response.finishResponse();
                }
            } catch (IOException | IllegalStateException e) {
                // the connection is gone: nothing to answer
            }
        }
    }
}
