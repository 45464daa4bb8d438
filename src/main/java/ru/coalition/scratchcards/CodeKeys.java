package ru.coalition.scratchcards;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import ru.coalition.platform.CoalitionConfig;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The two server secrets of scratch codes, both from the environment: one keys the hash a code is checked against
 * (HMAC-SHA-256, so a copy of the database alone cannot test guesses offline), the other seals the plain codes of a
 * batch (AES-256-GCM) for the few days between generation and activation when the partner downloads them for print.
 */
@ApplicationScoped
public class CodeKeys {

    private static final int MIN_KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec hashKey;
    private final SecretKeySpec sealKey;
    private final SecureRandom random = new SecureRandom();

    @Inject
    public CodeKeys(CoalitionConfig config) {
        this.hashKey = new SecretKeySpec(key(config.scratch().codeHashKey(), "SCRATCH_CODE_HASH_KEY"), "HmacSHA256");
        this.sealKey = new SecretKeySpec(key(config.scratch().codeSealKey(), "SCRATCH_CODE_SEAL_KEY"), "AES");
    }

    private static byte[] key(String base64, String variable) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(variable + " is not base64");
        }
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalStateException(variable + " must hold at least " + MIN_KEY_BYTES + " random bytes (base64)");
        }
        return key.length == MIN_KEY_BYTES ? key : java.util.Arrays.copyOf(key, MIN_KEY_BYTES);
    }

    /** A hasher for many codes in one thread (a Mac is not thread-safe). */
    public Mac hasher() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(hashKey);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The keyed hash of a plain code, as stored. */
    public static byte[] hash(Mac hasher, String plainCode) {
        return hasher.doFinal(plainCode.getBytes(StandardCharsets.US_ASCII));
    }

    public byte[] hash(String plainCode) {
        return hash(hasher(), plainCode);
    }

    /** Seals bytes bound to their place (batch and chunk), so a sealed chunk cannot be passed off as another. */
    public byte[] seal(byte[] plain, String place) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, sealKey, new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(place.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = c.doFinal(plain);
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public byte[] open(byte[] sealed, String place) {
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, sealKey, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
            c.updateAAD(place.getBytes(StandardCharsets.UTF_8));
            return c.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealed codes of " + place + " do not open: wrong SCRATCH_CODE_SEAL_KEY?", e);
        }
    }
}
