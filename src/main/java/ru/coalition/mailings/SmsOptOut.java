package ru.coalition.mailings;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import ru.coalition.platform.Messages;

import java.util.Locale;

/**
 * The opt-out line every marketing SMS ends with (issue 12 §2): «Отказ: STOP на 3443», "Opt out: STOP to 3443". The
 * gateway posts the member's answer to /api/v1/sms/inbound (SmsInboundApiResource), which withdraws their marketing
 * SMS consents.
 */
@ApplicationScoped
public class SmsOptOut {

    @Inject
    MailingsConfig config;

    /** The line in the member's language ("en" or else Russian), without a leading separator. */
    public String footer(String language) {
        return Messages.consent("en".equals(language) ? Locale.ENGLISH : Locale.of("ru")).smsFooter(config.smsStopNumber());
    }

    /** The SMS text with the opt-out line on a line of its own. */
    public String withFooter(String text, String language) {
        return text + "\n" + footer(language);
    }
}
