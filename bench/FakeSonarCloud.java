import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fast local fake of SonarQube Cloud for the benchmark (bench/run). Single file, no dependency:
 * {@code java FakeSonarCloud.java <port> [raw|jdk]}. Listens on 127.0.0.1 only. Canned bodies, built once at start.
 *
 * <ul>
 *   <li>{@code raw} (default): a minimal HTTP/1.1 server on blocking sockets, one platform thread per connection,
 *   keep-alive. About twice as fast as {@code jdk} on this machine, with a much tighter latency tail.</li>
 *   <li>{@code jdk}: com.sun.net.httpserver with a virtual thread per exchange.</li>
 * </ul>
 *
 * <p>Routes (an optional leading {@code /us} is stripped, so the US region can point at {@code http://host:port/us}):
 * <ul>
 *   <li>GET api/components/search: about 3 KB, shaped like search-components-example.json, organization my-org;
 *   for {@code organization=kb<N>} about N KB (100 projects with long descriptions), for the growth lines</li>
 *   <li>GET api/issues/search: issue/search-example.json's shape, about 3 KB</li>
 *   <li>GET api/authentication/validate: {"valid":true}</li>
 *   <li>GET api/organizations/search: the organization asked for in {@code organizations=} (default my-org)</li>
 *   <li>GET api/users/current: a user</li>
 *   <li>POST /__fail?prefix=/us: from now on answer 500 to every path under that prefix; POST /__fail: stop</li>
 *   <li>GET /__stats: requests served so far (control routes excluded)</li>
 * </ul>
 */
public final class FakeSonarCloud {

    private static final AtomicLong served = new AtomicLong();
    private static volatile String failingPrefix = null;

    /** One answer: its status and body, and the whole HTTP/1.1 response for the raw server. */
    record Reply(int status, byte[] body, byte[] wire) {
    }

    private static final Reply COMPONENTS = response(200, components());
    private static final Reply ISSUES = response(200, issues());
    private static final Reply VALID = response(200, "{\"valid\":true}");
    private static final Reply USER = response(200, """
            {"isLoggedIn":true,"login":"bench.user","name":"Bench User","email":"bench.user@example.com","local":false,\
            "externalIdentity":"bench.user","externalProvider":"github","scmAccounts":[],"groups":["Members"],\
            "permissions":{"global":["scan"]},"avatar":"f5aa64437a1821ffe8b563099d506aef",\
            "usingSonarLintConnectedMode":false,"id":"00000000-0000-0000-0000-000000000001"}""");
    private static final Reply NOT_FOUND = response(404, "{\"errors\":[{\"msg\":\"Unknown url\"}]}");
    private static final Reply FAILING = response(500, "{\"errors\":[{\"msg\":\"An error has occurred\"}]}");
    private static final Reply OK = response(200, "{}");

    public static void main(String[] args) throws IOException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 9900;
        String mode = args.length > 1 ? args[1] : "raw";
        if (mode.equals("jdk")) {
            httpServer(port);
            return;
        }
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 1024);
        System.out.println("fake SonarQube Cloud (raw sockets) on http://127.0.0.1:" + port + sizes());
        System.out.flush();
        while (true) {
            Socket socket = server.accept();
            socket.setTcpNoDelay(true);
            Thread.ofPlatform().daemon().stackSize(256 * 1024).start(() -> serve(socket));
        }
    }

    private static String sizes() {
        return " (bodies: components/search " + COMPONENTS.body().length + " bytes, issues/search "
                + ISSUES.body().length + " bytes)";
    }

    /** The same routes on com.sun.net.httpserver with a virtual thread per exchange. */
    private static void httpServer(int port) throws IOException {
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 1024);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                String target = exchange.getRequestURI().getRawPath();
                String query = exchange.getRequestURI().getRawQuery();
                Reply reply = answer(exchange.getRequestMethod(), target, query == null ? "" : query);
                exchange.getResponseHeaders().set("Content-Type", "application/json;charset=utf-8");
                exchange.getResponseHeaders().set("Cache-Control", "no-cache, no-store, must-revalidate");
                exchange.sendResponseHeaders(reply.status(), reply.body().length);
                exchange.getResponseBody().write(reply.body());
            }
        });
        server.start();
        System.out.println("fake SonarQube Cloud (com.sun.net.httpserver, virtual threads) on http://127.0.0.1:" + port + sizes());
    }

    private static void serve(Socket socket) {
        try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            byte[] buf = new byte[16384];
            int len = 0;
            while (true) {
                int end = headerEnd(buf, len);
                while (end < 0) {
                    if (len == buf.length) {
                        return; // headers too large for a fake: drop the connection
                    }
                    int n = in.read(buf, len, buf.length - len);
                    if (n < 0) {
                        return;
                    }
                    len += n;
                    end = headerEnd(buf, len);
                }
                String head = new String(buf, 0, end, StandardCharsets.ISO_8859_1);
                int contentLength = contentLength(head);
                int consumed = end + 4 + contentLength;
                while (len < consumed) { // a small body (POST /__fail): read it, then ignore it
                    if (consumed > buf.length) {
                        return;
                    }
                    int n = in.read(buf, len, buf.length - len);
                    if (n < 0) {
                        return;
                    }
                    len += n;
                }
                out.write(answer(head).wire());
                System.arraycopy(buf, consumed, buf, 0, len - consumed);
                len -= consumed;
                if (len == 0) {
                    out.flush();
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private static Reply answer(String head) {
        int firstSpace = head.indexOf(' ');
        int secondSpace = head.indexOf(' ', firstSpace + 1);
        String target = head.substring(firstSpace + 1, secondSpace);
        int q = target.indexOf('?');
        return answer(head.substring(0, firstSpace), q < 0 ? target : target.substring(0, q),
                q < 0 ? "" : target.substring(q + 1));
    }

    private static Reply answer(String method, String path, String query) {
        if (path.startsWith("/__")) {
            return control(method, path, query);
        }
        served.incrementAndGet();
        String failing = failingPrefix;
        if (failing != null && path.startsWith(failing)) {
            return FAILING;
        }
        if (path.startsWith("/us/")) {
            path = path.substring(3);
        }
        return switch (path) {
            case "/api/components/search" -> components(param(query, "organization"));
            case "/api/issues/search" -> ISSUES;
            case "/api/authentication/validate" -> VALID;
            case "/api/users/current" -> USER;
            case "/api/organizations/search" -> organizations(param(query, "organizations"));
            default -> NOT_FOUND;
        };
    }

    private static Reply control(String method, String path, String query) {
        if (path.equals("/__fail") && method.equals("POST")) {
            String prefix = param(query, "prefix");
            failingPrefix = prefix == null || prefix.isEmpty() ? null : prefix;
            return OK;
        }
        if (path.equals("/__stats")) {
            return response(200, "{\"requests\":" + served.get() + "}");
        }
        return NOT_FOUND;
    }

    private static Reply organizations(String key) {
        String org = key == null || key.isEmpty() ? "my-org" : key;
        return response(200, """
                {"paging":{"pageIndex":1,"pageSize":25,"total":1},"organizations":[{"key":"%s","name":"My Org",\
                "description":"The organization of the benchmark.","url":"https://example.com",\
                "avatar":"https://example.com/logo.png","actions":{"admin":false,"delete":false,"provision":false}}]}"""
                .formatted(org.replace("\"", "")));
    }

    private static String param(String query, String name) {
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static int headerEnd(byte[] buf, int len) {
        for (int i = 3; i < len; i++) {
            if (buf[i] == '\n' && buf[i - 1] == '\r' && buf[i - 2] == '\n' && buf[i - 3] == '\r') {
                return i - 3;
            }
        }
        return -1;
    }

    private static int contentLength(String head) {
        int from = 0;
        while (true) {
            int lineStart = head.indexOf("\r\n", from);
            if (lineStart < 0) {
                return 0;
            }
            lineStart += 2;
            if (head.regionMatches(true, lineStart, "content-length:", 0, 15)) {
                int lineEnd = head.indexOf("\r\n", lineStart);
                return Integer.parseInt(head.substring(lineStart + 15, lineEnd < 0 ? head.length() : lineEnd).trim());
            }
            from = lineStart;
        }
    }

    private static Reply response(int status, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String reason = switch (status) {
            case 200 -> "OK";
            case 404 -> "Not Found";
            default -> "Internal Server Error";
        };
        String head = "HTTP/1.1 " + status + " " + reason + "\r\nContent-Type: application/json;charset=utf-8\r\n"
                + "Cache-Control: no-cache, no-store, must-revalidate\r\nContent-Length: " + bytes.length + "\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[headBytes.length + bytes.length];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(bytes, 0, all, headBytes.length, bytes.length);
        return new Reply(status, bytes, all);
    }

    /** Ten projects of organization my-org: about 3 KB, the shape of search-components-example.json. */
    private static String components() {
        String[] names = {"Payments API", "Checkout Web", "Inventory Service", "Search Indexer", "Mobile App",
                "Identity Provider", "Billing Worker", "Analytics Pipeline", "Notification Hub", "Admin Console"};
        StringBuilder json = new StringBuilder("{\"paging\":{\"pageIndex\":1,\"pageSize\":50,\"total\":")
                .append(names.length).append("},\"components\":[");
        for (int i = 0; i < names.length; i++) {
            String key = "my-org_" + names[i].toLowerCase().replace(' ', '-');
            if (i > 0) {
                json.append(',');
            }
            json.append("{\"organization\":\"my-org\",\"key\":\"").append(key)
                    .append("\",\"qualifier\":\"TRK\",\"name\":\"").append(names[i])
                    .append("\",\"project\":\"").append(key)
                    .append("\",\"visibility\":\"private\",\"analysisDate\":\"2024-05-1").append(i % 10)
                    .append("T08:15:3").append(i % 10).append("+0000\",\"version\":\"1.").append(i).append(".0\"")
                    .append(",\"tags\":[\"team-").append((char) ('a' + i % 4)).append("\",\"backend\"]")
                    .append(",\"description\":\"").append(names[i]).append(" of the benchmark organization\"}");
        }
        return json.append("]}").toString();
    }

    private static final java.util.Map<Integer, Reply> SIZED = new java.util.concurrent.ConcurrentHashMap<>();

    /** The 3 KB body, or for an organization {@code kb<N>} a body of about N KB (100 projects): the growth lines. */
    private static Reply components(String organization) {
        if (organization == null || !organization.matches("kb\\d{1,5}")) {
            return COMPONENTS;
        }
        return SIZED.computeIfAbsent(Integer.parseInt(organization.substring(2)), kb -> response(200, sizedComponents(organization, kb)));
    }

    private static String sizedComponents(String organization, int kb) {
        int count = 100;
        int padding = Math.max(0, (kb * 1024 - 30) / count - 250);
        StringBuilder json = new StringBuilder("{\"paging\":{\"pageIndex\":1,\"pageSize\":100,\"total\":")
                .append(count).append("},\"components\":[");
        for (int i = 0; i < count; i++) {
            String key = organization + "_project-" + i;
            json.append(i > 0 ? "," : "").append("{\"organization\":\"").append(organization).append("\",\"key\":\"")
                    .append(key).append("\",\"qualifier\":\"TRK\",\"name\":\"Project ").append(i)
                    .append("\",\"project\":\"").append(key)
                    .append("\",\"visibility\":\"private\",\"analysisDate\":\"2024-05-1").append(i % 10)
                    .append("T08:15:3").append(i % 10).append("+0000\",\"version\":\"1.").append(i).append(".0\"")
                    .append(",\"tags\":[\"team-").append((char) ('a' + i % 4)).append("\",\"backend\"]")
                    .append(",\"description\":\"").append("Lorem ipsum dolor sit amet. ".repeat(padding / 28 + 1), 0, padding)
                    .append("\"}");
        }
        return json.append("]}").toString();
    }

    /** Two issues of the shape of issue/search-example.json: about 3 KB. */
    private static String issues() {
        StringBuilder json = new StringBuilder("{\"total\":2,\"p\":1,\"ps\":100,\"paging\":{\"pageIndex\":1,\"pageSize\":100,\"total\":2},"
                + "\"effortTotal\":130,\"issues\":[");
        for (int i = 0; i < 2; i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append("""
                    {"key":"01fc972e-2a3c-433e-bcae-0bd7f88f512%d","component":"my-org_payments-api:src/main/java/com/example/Payments%d.java",\
                    "project":"my-org_payments-api","rule":"java:S1144","status":"OPEN","severity":"MAJOR",\
                    "cleanCodeAttribute":"CLEAR","cleanCodeAttributeCategory":"INTENTIONAL","simpleStatus":"OPEN",\
                    "impacts":[{"softwareQuality":"MAINTAINABILITY","severity":"MEDIUM"}],\
                    "message":"Remove this unused private \\"getKee\\" method.","messageFormattings":[{"start":0,"end":4,"type":"CODE"}],\
                    "line":8%d,"hash":"a227e508d6646b55a086ee11d63b21e9","author":"developer@example.com","effort":"5min","debt":"5min",\
                    "creationDate":"2024-05-13T17:55:39+0200","updateDate":"2024-05-13T17:55:39+0200","tags":["unused"],\
                    "type":"CODE_SMELL","organization":"my-org",\
                    "comments":[{"key":"7d7c56f5-7b5a-41b9-87f8-36fa70caa5ba","login":"john.smith","htmlText":"Must be &quot;public&quot;!",\
                    "markdown":"Must be \\"public\\"!","updatable":false,"createdAt":"2024-05-13T18:08:34+0200"}],\
                    "attr":{"jira-issue-key":"SONAR-1234"},"transitions":["accept","falsepositive","resolve"],\
                    "actions":["comment","assign","set_tags","set_type","set_severity"],\
                    "textRange":{"startLine":8%d,"endLine":8%d,"startOffset":14,"endOffset":20},\
                    "flows":[{"locations":[{"textRange":{"startLine":16,"endLine":16,"startOffset":0,"endOffset":30},"msg":"Expected position: 5"}]}],\
                    "quickFixAvailable":false,"ruleDescriptionContextKey":"spring"}""".formatted(i, i, i, i, i));
        }
        json.append("],\"components\":[{\"key\":\"my-org_payments-api\",\"enabled\":true,\"qualifier\":\"TRK\","
                + "\"name\":\"Payments API\",\"longName\":\"Payments API\"}],\"facets\":[]}");
        return json.toString();
    }
}
