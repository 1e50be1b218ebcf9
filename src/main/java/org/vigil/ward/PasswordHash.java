package org.vigil.ward;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Ward log-in passwords as they are stored: PBKDF2-HMAC-SHA256 with a random salt, written as
 * {@code pbkdf2-sha256$ITERATIONS$SALT$HASH} (Base64). Only the JDK is needed, and a stolen users
 * file gives no password back.
 */
public final class PasswordHash {
    /** OWASP's 2023 figure for PBKDF2-HMAC-SHA256; a log-in costs ~0.1-0.3 s on the 2-core box, once per connection. */
    public static final int ITERATIONS = 210_000;
    private static final String PREFIX = "pbkdf2-sha256";
    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordHash() {
    }

    public static String hash(char[] password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return PREFIX + "$" + ITERATIONS + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(derive(password, salt, ITERATIONS));
    }

    /** @throws IllegalArgumentException when {@code stored} is not a hash this class wrote */
    public static boolean matches(char[] password, String stored) {
        String[] p = stored == null ? new String[0] : stored.split("\\$");
        if (p.length != 4 || !p[0].equals(PREFIX)) {
            throw new IllegalArgumentException("not a " + PREFIX + "$ITERATIONS$SALT$HASH password hash");
        }
        int iterations;
        byte[] salt;
        byte[] expected;
        try {
            iterations = Integer.parseInt(p[1]);
            salt = Base64.getDecoder().decode(p[2]);
            expected = Base64.getDecoder().decode(p[3]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("password hash is damaged: " + e.getMessage());
        }
        return MessageDigest.isEqual(expected, derive(password, salt, iterations)); // constant time
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, 256);
            try {
                return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            } finally {
                spec.clearPassword();
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from this JDK", e);
        }
    }
}
