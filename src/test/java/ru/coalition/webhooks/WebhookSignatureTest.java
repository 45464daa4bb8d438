package ru.coalition.webhooks;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Our signature against Standard Webhooks' own test vector (spec repository, test_sign_function), and rotation. */
class WebhookSignatureTest {

    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    static final long TS = 1614265330L;
    static final String BODY = "{\"test\": 2432232314}";

    @Test
    void theSpecsVectorSignsAlike() {
        assertEquals("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", WebhookSignature.sign(SECRET, ID, TS, BODY));
        assertTrue(WebhookSignature.verify(SECRET, ID, TS, BODY, "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="));
        assertFalse(WebhookSignature.verify(SECRET, ID, TS + 1, BODY, "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="));
    }

    @Test
    void whileASecretIsRotatedBothSignAndEitherVerifies() {
        String fresh = WebhookSignature.newSecret();
        String header = WebhookSignature.header(fresh, SECRET, ID, TS, BODY);
        assertEquals(2, header.split(" ").length);
        assertTrue(WebhookSignature.verify(SECRET, ID, TS, BODY, header), "the receiver still on the old secret");
        assertTrue(WebhookSignature.verify(fresh, ID, TS, BODY, header), "the receiver already on the new one");
        assertFalse(WebhookSignature.verify(WebhookSignature.newSecret(), ID, TS, BODY, header));
        assertTrue(fresh.startsWith("whsec_") && java.util.Base64.getDecoder().decode(fresh.substring(6)).length == 32);
    }
}
