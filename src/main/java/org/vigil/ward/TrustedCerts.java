package org.vigil.ward;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.net.ssl.TrustManagerFactory;

/** The certificates a TLS connection to the broker trusts, read from a PEM file (one or more certificates). */
final class TrustedCerts {
    private TrustedCerts() {
    }

    /** @throws IllegalArgumentException naming the file when it cannot be read or holds no certificate */
    static TrustManagerFactory load(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            int i = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                ks.setCertificateEntry("cert-" + i++, c);
            }
            if (i == 0) throw new IllegalArgumentException(pem + ": no certificate in it (expected PEM: -----BEGIN CERTIFICATE-----)");
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            return tmf;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("trusted certificates " + pem + " cannot be read: " + e.getMessage(), e);
        }
    }
}
