package dev.connector.sonarcloud.bench;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.io.entity.EntityUtils;

/**
 * For bench/run only (not a test): line (t) of {@code BENCH_FLOOR=1}, {@link FloorProxy}'s {@code /floor/raw} without
 * Spring: one {@link HttpServlet} on an embedded Tomcat started directly ({@link Tomcat}, its default NIO HTTP/1.1
 * connector, no access log), forwarding the same GET upstream with the same Apache HttpClient 5 client and answering
 * the body's bytes as {@code application/json}.
 *
 * <p>Usage: {@code FloorTomcat <port> <fake-base-url>}
 */
public final class FloorTomcat {

    private FloorTomcat() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        URI uri = URI.create(args[1] + FloorProxy.QUERY);
        CloseableHttpClient client = FloorProxy.newHttpClient();
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createTempDirectory("floor-tomcat").toString());
        Connector connector = new Connector("HTTP/1.1");
        connector.setPort(port);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", null);
        Tomcat.addServlet(context, "raw", new RawServlet(client, uri));
        context.addServletMappingDecoded("/floor/raw", "raw");
        tomcat.start();
        tomcat.getServer().await();
    }

    /** GET upstream, the body's bytes back with the upstream status. */
    static final class RawServlet extends HttpServlet {

        private final transient CloseableHttpClient client;
        private final URI uri;

        RawServlet(CloseableHttpClient client, URI uri) {
            this.client = client;
            this.uri = uri;
        }

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            HttpGet get = new HttpGet(uri);
            get.setHeader("User-Agent", "floor-tomcat");
            get.setHeader("Accept", "application/json");
            byte[] body = client.execute(get, upstream -> {
                response.setStatus(upstream.getCode());
                return EntityUtils.toByteArray(upstream.getEntity());
            });
            response.setContentType("application/json");
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
        }
    }
}
