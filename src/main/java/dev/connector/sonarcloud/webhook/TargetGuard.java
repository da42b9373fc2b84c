package dev.connector.sonarcloud.webhook;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import org.apache.hc.client5.http.DnsResolver;
import org.springframework.stereotype.Component;

/**
 * The SSRF guard for webhook targets: https only, and every address the host name resolves to must be public
 * (not loopback, private, link-local — the cloud metadata address included —, carrier-grade NAT, unique-local,
 * multicast or reserved). It is also the delivery client's DNS resolver, so the address checked is the address
 * connected to, at every delivery (a name can resolve differently later). {@code allowPrivateTargets} lifts both
 * rules, for tests and local development only.
 */
@Component
public class TargetGuard implements DnsResolver {

    private final boolean allowPrivateTargets;

    public TargetGuard(WebhookProperties properties) {
        this.allowPrivateTargets = properties.allowPrivateTargets();
    }

    public static final class RefusedTarget extends RuntimeException {
        public RefusedTarget(String message) {
            super(message, null, false, false);
        }
    }

    /** Checks a subscription URL now: its form, its scheme and where its host resolves. */
    public URI check(String url) {
        URI uri = parse(url);
        try {
            resolve(uri.getHost());
        } catch (UnknownHostException e) {
            throw new RefusedTarget("host '" + uri.getHost() + "' does not resolve");
        }
        return uri;
    }

    /** The form and scheme only (no name resolution). */
    public URI parse(String url) {
        if (url == null || url.isBlank() || url.length() > 2048) {
            throw new RefusedTarget("must be an absolute https URL of at most 2048 characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new RefusedTarget("is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(allowPrivateTargets && scheme.equals("http"))) {
            throw new RefusedTarget("must use https");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new RefusedTarget("must name a host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new RefusedTarget("must not carry user information");
        }
        if (uri.getRawFragment() != null) {
            throw new RefusedTarget("must not have a fragment");
        }
        return uri;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(name);
        } catch (UnknownHostException e) {
            throw new RefusedTarget("host '" + name + "' does not resolve");
        }
        if (!allowPrivateTargets) {
            for (InetAddress address : addresses) {
                if (!isPublic(address)) {
                    throw new RefusedTarget("host '" + name + "' resolves to a private, loopback, link-local or reserved"
                            + " address (" + address.getHostAddress() + ")");
                }
            }
        }
        return addresses;
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        return resolve(host)[0].getCanonicalHostName();
    }

    static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return isPublicV4(b);
        }
        boolean embedsV4 = Arrays.equals(Arrays.copyOf(b, 12), new byte[12])                        // ::a.b.c.d
                || (b[0] == 0 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b);    // 64:ff9b::/96 NAT64
        if (embedsV4) {
            return isPublicV4(Arrays.copyOfRange(b, 12, 16));
        }
        if ((b[0] & 0xfe) == 0xfc) {
            return false; // fc00::/7 unique local
        }
        if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) {
            return false; // 2001:db8::/32 documentation
        }
        return true;
    }

    private static boolean isPublicV4(byte[] b) {
        int b0 = b[0] & 0xff;
        int b1 = b[1] & 0xff;
        int b2 = b[2] & 0xff;
        return !(b0 == 0 || b0 == 10 || b0 == 127 || b0 >= 224                   // this network, private, loopback, multicast/reserved
                || (b0 == 100 && (b1 & 0xc0) == 64)                              // 100.64.0.0/10 carrier-grade NAT
                || (b0 == 169 && b1 == 254)                                      // link-local, cloud metadata
                || (b0 == 172 && (b1 & 0xf0) == 16) || (b0 == 192 && b1 == 168)  // private
                || (b0 == 192 && b1 == 0 && (b2 == 0 || b2 == 2))                // IETF protocol assignments, TEST-NET-1
                || (b0 == 198 && (b1 == 18 || b1 == 19))                         // benchmarking
                || (b0 == 198 && b1 == 51 && b2 == 100) || (b0 == 203 && b1 == 0 && b2 == 113)); // TEST-NET-2/3
    }
}
