package org.vigil.ward;

import com.hivemq.embedded.EmbeddedHiveMQ;
import com.hivemq.embedded.EmbeddedHiveMQBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.Collections;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MQTT 5 broker inside the central station for the one-machine default and tests: HiveMQ CE
 * embedded, one listener on the given address (loopback unless configured), in-memory persistence
 * (the alerts' durability is the edges' outboxes and the central's store), anonymous usage statistics
 * off. With {@link Security} it takes TLS only and only the ward's users ({@link WardAccess}).
 * Production wards may use any MQTT 5 broker instead (docs/deployment.md).
 */
public final class EmbeddedBroker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedBroker.class);
    /** The central's own log-in when the ward has users; its password is made at each start. */
    static final String INTERNAL_USER = "vigil-central-internal";
    private final EmbeddedHiveMQ hivemq;
    private final BrokerAddress address;
    private final Path home;

    /**
     * Who may connect and how.
     *
     * @param users            null: anyone on the listener (loopback only is the default); asked at each log-in
     * @param keystore         PKCS12 (or JKS) file with the broker's key and certificate; null: plain TCP
     * @param keystorePassword its password (also the key's)
     */
    public record Security(WardTopics topics, java.util.function.Supplier<WardUsers> users, Path keystore, char[] keystorePassword) {
        /** A fixed list of users. */
        public Security(WardTopics topics, WardUsers users, Path keystore, char[] keystorePassword) {
            this(topics, users == null ? null : (java.util.function.Supplier<WardUsers>) () -> users, keystore, keystorePassword);
        }

        public static Security none() {
            return new Security(null, (java.util.function.Supplier<WardUsers>) null, null, null);
        }
    }

    private EmbeddedBroker(EmbeddedHiveMQ hivemq, BrokerAddress address, Path home) {
        this.hivemq = hivemq;
        this.address = address;
        this.home = home;
    }

    /** Starts listening on {@code listen} (host:port), open to anyone who reaches it. @throws IllegalStateException when it cannot */
    public static EmbeddedBroker start(BrokerAddress listen) {
        return start(listen, Security.none());
    }

    /** Starts listening on {@code listen} (host:port). @throws IllegalStateException naming the address or file when it cannot */
    public static EmbeddedBroker start(BrokerAddress listen, Security security) {
        Path home = null;
        try {
            home = Files.createTempDirectory("vigil-broker"); // owner-only: the config below holds the keystore password
            Path conf = Files.createDirectories(home.resolve("conf"));
            String listener;
            Path ownCert = null;
            if (security.keystore() != null) {
                ownCert = writeCertificate(security.keystore(), security.keystorePassword(), home.resolve("broker-cert.pem"));
                String pw = xml(new String(security.keystorePassword()));
                listener = """
                        <tls-tcp-listener><port>%d</port><bind-address>%s</bind-address>
                          <tls><keystore><path>%s</path><password>%s</password><private-key-password>%s</private-key-password></keystore>
                               <client-authentication-mode>NONE</client-authentication-mode></tls>
                        </tls-tcp-listener>""".formatted(listen.port(), xml(listen.host()), xml(security.keystore().toAbsolutePath().toString()), pw, pw);
            } else {
                listener = "<tcp-listener><port>%d</port><bind-address>%s</bind-address></tcp-listener>".formatted(listen.port(), xml(listen.host()));
            }
            Files.writeString(conf.resolve("config.xml"), """
                    <hivemq>
                      <listeners>%s</listeners>
                      <persistence><mode>in-memory</mode></persistence>
                      <anonymous-usage-statistics><enabled>false</enabled></anonymous-usage-statistics>
                    </hivemq>
                    """.formatted(listener));
            EmbeddedHiveMQBuilder builder = EmbeddedHiveMQ.builder().withConfigurationFolder(conf)
                    .withDataFolder(Files.createDirectories(home.resolve("data")))
                    .withExtensionsFolder(Files.createDirectories(home.resolve("extensions")));
            String secret = null;
            if (security.users() != null) {
                byte[] r = new byte[24];
                new SecureRandom().nextBytes(r);
                secret = Base64.getUrlEncoder().withoutPadding().encodeToString(r);
                builder = builder.withEmbeddedExtension(new WardAccess(security.topics(), security.users(), INTERNAL_USER, secret.toCharArray()).extension());
            }
            EmbeddedHiveMQ h = builder.build();
            long t0 = System.nanoTime();
            h.start().get(60, TimeUnit.SECONDS);
            String connectHost = listen.host().equals("0.0.0.0") ? "127.0.0.1" : listen.host();
            BrokerAddress self = new BrokerAddress(connectHost, listen.port(), false);
            if (ownCert != null) self = self.withTrust(ownCert);
            if (secret != null) self = self.withLogin(INTERNAL_USER, secret);
            log.info("MQTT broker (HiveMQ CE embedded) listening on {}:{}{}{} (started in {} ms)", listen.host(), listen.port(),
                    ownCert != null ? " with TLS" : "", secret != null ? ", ward users only (" + security.users().get().all().size() + ")" : "",
                    (System.nanoTime() - t0) / 1_000_000);
            return new EmbeddedBroker(h, self, home);
        } catch (Exception e) {
            if (home != null) deleteTree(home);
            Throwable c = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException("cannot start the MQTT broker on " + listen.host() + ":" + listen.port() + ": " + c.getMessage(), e);
        }
    }

    /** The broker's own certificate as PEM, so the central's own link can trust exactly it. */
    private static Path writeCertificate(Path keystore, char[] password, Path pem) throws IOException {
        KeyStore ks;
        try (InputStream in = Files.newInputStream(keystore)) {
            ks = KeyStore.getInstance(KeyStore.getDefaultType()); // PKCS12; the JDK reads JKS through it too
            ks.load(in, password);
        } catch (java.security.GeneralSecurityException | IOException e) {
            throw new IOException("TLS keystore " + keystore + " cannot be read (wrong password, or not PKCS12/JKS): " + e.getMessage(), e);
        }
        try {
            for (String alias : Collections.list(ks.aliases())) {
                if (!ks.isKeyEntry(alias)) continue;
                Certificate c = ks.getCertificate(alias);
                Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(c.getEncoded()) + "\n-----END CERTIFICATE-----\n");
                return pem;
            }
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("TLS keystore " + keystore + ": " + e.getMessage(), e);
        }
        throw new IOException("TLS keystore " + keystore + " holds no private key with a certificate");
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Where the central's own link connects (tcp:// or mqtts://, with its log-in when the ward has users). */
    public BrokerAddress address() {
        return address;
    }

    @Override
    public void close() {
        try {
            hivemq.stop().get(30, TimeUnit.SECONDS);
            hivemq.close();
        } catch (Exception e) {
            log.warn("MQTT broker did not stop cleanly: {}", e.toString());
        }
        deleteTree(home);
    }

    private static void deleteTree(Path home) {
        try (var files = Files.walk(home)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp folder left behind is harmless
        }
    }
}
