package ru.coalition.ivr;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/** coalition.ivr.*: the voice menu's lines (docs/ivr.md). */
@ConfigMapping(prefix = "coalition.ivr")
public interface IvrConfig {

    /** Seconds the menu waits for a key after a prompt is said. */
    @WithDefault("8")
    int inputTimeoutSeconds();

    /** The name callback requests are logged under in the support desk. */
    @WithDefault("Голосовое меню")
    String agentName();

    Sip sip();

    Twiml twiml();

    /** The SIP line: a baresip process the app starts and drives over its control socket (the demo and the tests). */
    interface Sip {
        @WithDefault("false")
        boolean enabled();

        /** The partner whose line this is. */
        @WithDefault("kit-media")
        String partner();

        /** Where baresip listens for SIP (UDP and TCP); callers dial sip:<partner>@<this>. */
        @WithDefault("127.0.0.1:5070")
        String listen();

        /** baresip's control socket (loopback only). */
        @WithDefault("127.0.0.1:4444")
        String control();

        @WithDefault("10000-10099")
        String rtpPorts();

        @WithDefault("baresip")
        String binary();

        /** Where the line's config and the spoken prompts (WAV, cached per text) are kept; a temp directory when empty. */
        Optional<String> workDir();
    }

    /** The webhook line: a cloud provider's TwiML-style calls to /api/v1/ivr/twiml/{partner}, signed with its auth token. */
    interface Twiml {
        /** The provider's auth token (X-Twilio-Signature's key); every call is refused while it is unset. */
        Optional<String> authToken();
    }
}
