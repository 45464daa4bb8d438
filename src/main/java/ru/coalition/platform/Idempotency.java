package ru.coalition.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Optional;

/**
 * Idempotent posts from tills (purchases, refunds, redemptions): the first answer is stored with a fingerprint of the
 * request in normal form; a repeat with the same fingerprint gets that answer again, a repeat with another body under
 * the same key is a 409.
 */
public final class Idempotency {

    /** An answer and whether it repeats a stored one (200) or is new (201). */
    public record Answer(String json, boolean replay) {
    }

    /** What a feature stored for a key: the request's fingerprint and the first answer. */
    public record Stored(String fingerprint, String response) {
    }

    private Idempotency() {
    }

    public static Optional<Answer> replay(Optional<Stored> stored, String fingerprint, ErrorCode conflictCode, Object key) {
        return stored.map(s -> {
            if (!s.fingerprint().equals(fingerprint)) {
                throw new ProblemException(conflictCode, key);
            }
            return new Answer(s.response(), true);
        });
    }

    public static String write(ObjectMapper json, Object answer) {
        try {
            return json.writeValueAsString(answer);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
