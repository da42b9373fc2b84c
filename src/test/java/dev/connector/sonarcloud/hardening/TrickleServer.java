package dev.connector.sonarcloud.hardening;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * An upstream that answers 200 with its headers at once and then a JSON body of {@code bytes} bytes, one byte per
 * {@code interval}: the slowest possible answer in which no single read waits long.
 */
final class TrickleServer implements AutoCloseable {

    private final ServerSocket server;

    TrickleServer(int bytes, Duration interval) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    Thread.ofVirtual().start(() -> serve(socket, bytes, interval));
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    int port() {
        return server.getLocalPort();
    }

    private static void serve(Socket socket, int bytes, Duration interval) {
        try (socket) {
            InputStream in = socket.getInputStream();
            int matched = 0;
            while (matched < 4) { // the request head ends with an empty line
                int b = in.read();
                if (b < 0) {
                    return;
                }
                matched = (b == '\r' || b == '\n') ? matched + 1 : 0;
            }
            OutputStream out = socket.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + bytes + "\r\n\r\n{")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            for (int i = 1; i < bytes - 1; i++) {
                Thread.sleep(interval);
                out.write(' ');
                out.flush();
            }
            out.write('}');
            out.flush();
        } catch (IOException | InterruptedException e) {
            // the client gave up
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
