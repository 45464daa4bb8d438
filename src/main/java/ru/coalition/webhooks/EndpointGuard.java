package ru.coalition.webhooks;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * What an endpoint's address may be. In production only https, and never an address inside a network (loopback,
 * private, link-local with the cloud metadata service, carrier-grade NAT, unique-local IPv6, multicast): a partner's
 * URL must not make our servers call into our own network (SSRF). Checked when the endpoint is saved and again before
 * every call, since a name may resolve elsewhere later.
 */
public final class EndpointGuard {

    /** Why an address is refused: scheme, host, resolve, private. */
    public enum Refusal { SCHEME, HOST, RESOLVE, PRIVATE }

    private final boolean requireHttps;
    private final boolean allowPrivate;

    public EndpointGuard(boolean requireHttps, boolean allowPrivate) {
        this.requireHttps = requireHttps;
        this.allowPrivate = allowPrivate;
    }

    /** Empty when the URL may be called now. */
    public Optional<Refusal> check(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (Exception e) {
            return Optional.of(Refusal.HOST);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
        if (!scheme.equals("https") && !(scheme.equals("http") && !requireHttps)) {
            return Optional.of(Refusal.SCHEME);
        }
        String host = uri.getHost();
        if (host == null || host.isBlank() || uri.getUserInfo() != null) {
            return Optional.of(Refusal.HOST);
        }
        if (allowPrivate) {
            return Optional.empty();
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException e) {
            return Optional.of(Refusal.RESOLVE);
        }
        for (InetAddress a : addresses) {
            if (internal(a)) {
                return Optional.of(Refusal.PRIVATE);
            }
        }
        return Optional.empty();
    }

    static boolean internal(InetAddress a) {
        if (a.isAnyLocalAddress() || a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress() || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0 || first >= 240                       // "this network", reserved and broadcast
                    || first == 100 && second >= 64 && second < 128  // carrier-grade NAT
                    || first == 192 && second == 0 && (b[2] & 0xff) == 0 // IETF protocol assignments
                    || first == 198 && (second == 18 || second == 19);   // benchmarking
        }
        if (a instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) {
                return true; // unique local fc00::/7
            }
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            if (mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
                try {
                    return internal(InetAddress.getByAddress(new byte[]{b[12], b[13], b[14], b[15]}));
                } catch (UnknownHostException e) {
                    return true;
                }
            }
        }
        return false;
    }
}
