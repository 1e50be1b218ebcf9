package org.vigil.ward;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where an MQTT broker is: {@code tcp://host:port} (or {@code mqtt://}), or with TLS {@code mqtts://} /
 * {@code ssl://} (port 8883 when not given). A user name may be given as {@code mqtts://room-12@host};
 * its password comes from the environment variable {@value #PASSWORD_ENV}, never from the command line
 * (which other users of the machine can read). TLS trusts the JVM's certificates, or only those in the PEM
 * file named by {@value #TRUST_ENV} (the hospital CA).
 */
public record BrokerAddress(String host, int port, boolean tls, String user, String password, java.nio.file.Path trustedCerts) {
    public static final String PASSWORD_ENV = "VIGIL_MQTT_PASSWORD";
    /** A PEM file of the certificates (the hospital CA, or the broker's own) that TLS connections trust instead of the JVM's. */
    public static final String TRUST_ENV = "VIGIL_MQTT_CA";

    public BrokerAddress(String host, int port, boolean tls) {
        this(host, port, tls, null, null, null);
    }

    public BrokerAddress(String host, int port, boolean tls, String user) {
        this(host, port, tls, user, null, null);
    }

    /** The same broker, logging in as {@code user}. */
    public BrokerAddress withLogin(String user, String password) {
        return new BrokerAddress(host, port, tls, user, password, trustedCerts);
    }

    /** The same broker, over TLS trusting the certificates in the PEM file {@code certs}. */
    public BrokerAddress withTrust(java.nio.file.Path certs) {
        return new BrokerAddress(host, port, true, user, password, certs);
    }

    /** @throws IllegalArgumentException naming the value when it is not a broker URL */
    public static BrokerAddress parse(String url) {
        URI u;
        try {
            u = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("broker '" + url + "' is not a URL such as tcp://127.0.0.1:1883: " + e.getMessage());
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(java.util.Locale.ROOT);
        boolean tls = switch (scheme) {
            case "tcp", "mqtt" -> false;
            case "mqtts", "ssl", "tls" -> true;
            default -> throw new IllegalArgumentException("broker '" + url + "': scheme must be tcp://, mqtt://, mqtts:// or ssl://");
        };
        if (u.getHost() == null) throw new IllegalArgumentException("broker '" + url + "' has no host (e.g. tcp://127.0.0.1:1883)");
        int port = u.getPort() > 0 ? u.getPort() : tls ? 8883 : 1883;
        String user = u.getUserInfo();
        if (user != null && user.contains(":")) {
            throw new IllegalArgumentException("broker '" + url.replace(user, "***") + "': put only the user name in the URL; the password goes in $"
                    + PASSWORD_ENV);
        }
        String ca = System.getenv(TRUST_ENV);
        return new BrokerAddress(u.getHost(), port, tls, user, user == null ? null : System.getenv(PASSWORD_ENV),
                tls && ca != null && !ca.isBlank() ? java.nio.file.Path.of(ca) : null);
    }

    /** "host:port" as --listen takes it. @throws IllegalArgumentException naming the value */
    public static BrokerAddress listen(String hostPort) {
        int i = hostPort.lastIndexOf(':');
        try {
            if (i <= 0) throw new NumberFormatException();
            int port = Integer.parseInt(hostPort.substring(i + 1));
            if (port < 0 || port > 65535) throw new NumberFormatException();
            return new BrokerAddress(hostPort.substring(0, i), port, false);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--listen '" + hostPort + "' must be host:port, e.g. 127.0.0.1:1883");
        }
    }

    public String url() {
        return (tls ? "mqtts://" : "tcp://") + (user == null ? "" : user + "@") + host + ":" + port;
    }

    /** Never the password. */
    @Override
    public String toString() {
        return url();
    }
}
