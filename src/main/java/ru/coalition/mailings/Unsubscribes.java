package ru.coalition.mailings;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import ru.coalition.members.Consent;
import ru.coalition.members.Member;
import ru.coalition.members.MemberService;
import ru.coalition.members.MemberSettings;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Unsubscribing (issue 12 §2): by the signed link of a marketing mail (one-click POST or the page's buttons), by the
 * mailto: half of List-Unsubscribe, and by an SMS STOP. Each withdrawal is a consent history row saying how (source
 * "unsubscribe:one-click:campaign=12", "sms-stop") and a mailing_unsubscribe row the campaign's figures count. A
 * forged or damaged token changes nothing.
 */
@ApplicationScoped
@Transactional
public class Unsubscribes {

    /** What the member chose: the link's own consent, or every marketing consent on both channels. */
    public enum Choice { THIS, ALL_MARKETING }

    /** How the unsubscribe came: the column mailing_unsubscribe.source. */
    public enum Source {
        ONE_CLICK("one-click"), PAGE("page"), MAILTO("mailto"), SMS_STOP("sms-stop");

        public final String code;

        Source(String code) {
            this.code = code;
        }
    }

    /** A token that checked out and the consents withdrawn just now (empty when none was in force). */
    public record Outcome(UnsubscribeLinks.Verified link, List<Consent.Kind> withdrawn) {
    }

    static final Set<Consent.Kind> MARKETING = Set.of(Consent.Kind.MARKETING_EMAIL, Consent.Kind.MARKETING_SMS,
            Consent.Kind.PARTNER_OFFERS_EMAIL, Consent.Kind.PARTNER_OFFERS_SMS);
    static final List<Consent.Kind> MARKETING_SMS = List.of(Consent.Kind.MARKETING_SMS, Consent.Kind.PARTNER_OFFERS_SMS);
    /** The words of an SMS opt-out, in either language. */
    static final Set<String> STOP_WORDS = Set.of("STOP", "СТОП", "ОТПИСКА", "ОТПИСАТЬСЯ", "UNSUBSCRIBE");
    private static final Pattern MAIL_SUBJECT = Pattern.compile("(?i)^(?:\\s*(?:re|fwd?|aw)\\s*:)*\\s*unsubscribe\\s+([A-Za-z0-9_-]{20,100})\\s*$");

    @Inject
    UnsubscribeLinks links;

    @Inject
    MemberSettings settings;

    @Inject
    MemberService members;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    /** Withdraws what the token and the choice name; empty for a forged or damaged token (then nothing changes). */
    public Optional<Outcome> unsubscribe(String token, Choice choice, Source source, String clientAddress) {
        Optional<UnsubscribeLinks.Verified> link = links.verify(token);
        if (link.isEmpty()) {
            return Optional.empty();
        }
        UnsubscribeLinks.Verified v = link.get();
        List<Consent.Kind> kinds = choice == Choice.THIS ? List.of(v.kind()) : MARKETING.stream().sorted().toList();
        List<Consent.Kind> withdrawn = settings.withdraw(v.memberId(), kinds,
                "unsubscribe:" + source.code + ":campaign=" + v.campaignId(), clientAddress);
        record(v.campaignId(), v.memberId(), withdrawn, source);
        return Optional.of(new Outcome(v, withdrawn));
    }

    /** Members who unsubscribed through this campaign's mails (each counted once, whatever they withdrew). */
    public long countByCampaign(long campaignId) {
        return ((Number) em.createNativeQuery("select count(distinct member_id) from mailing_unsubscribe where campaign_id = :c")
                .setParameter("c", campaignId).getSingleResult()).longValue();
    }

    /**
     * The mailto: half of List-Unsubscribe: a mail whose subject is "unsubscribe TOKEN" (a reply's "Re:" allowed)
     * withdraws the token's consent. The sender's address is kept as the decision's address. True when the subject
     * carried a genuine token (whether or not the consent was still in force).
     */
    public boolean byMail(String subject, String from) {
        if (subject == null) {
            return false;
        }
        Matcher m = MAIL_SUBJECT.matcher(subject);
        if (!m.matches()) {
            return false;
        }
        return unsubscribe(m.group(1), Choice.THIS, Source.MAILTO, from == null ? null : "mailto:" + from).isPresent();
    }

    /**
     * An inbound SMS: STOP (СТОП, ОТПИСКА) from a member's phone withdraws both marketing SMS consents (the
     * operator's and the partners'). Any other text, or a phone no active member has, changes nothing. Returns the
     * consents withdrawn.
     */
    public List<Consent.Kind> smsStop(String phone, String text) {
        if (!isStop(text)) {
            return List.of();
        }
        Optional<Member> member = members.byPhone(MemberService.normalisePhone(phone == null ? null : phone.trim()))
                .filter(x -> Member.ACTIVE.equals(x.status));
        if (member.isEmpty()) {
            return List.of();
        }
        long id = member.get().id;
        List<Consent.Kind> withdrawn = settings.withdraw(id, MARKETING_SMS, Source.SMS_STOP.code, member.get().phone);
        record(null, id, withdrawn, Source.SMS_STOP);
        return withdrawn;
    }

    static boolean isStop(String text) {
        if (text == null) {
            return false;
        }
        String word = text.strip().toUpperCase(Locale.ROOT).replaceAll("[\\p{Punct}«»]+$", "");
        return STOP_WORDS.contains(word);
    }

    private void record(Long campaignId, long memberId, List<Consent.Kind> withdrawn, Source source) {
        Instant at = clock.instant();
        for (Consent.Kind k : withdrawn) {
            em.createNativeQuery("insert into mailing_unsubscribe (campaign_id, member_id, kind, source, at)"
                            + " values (:c, :m, :k, :s, :at)")
                    .unwrap(org.hibernate.query.NativeQuery.class)
                    .setParameter("c", campaignId, Long.class)
                    .setParameter("m", memberId).setParameter("k", k.name()).setParameter("s", source.code)
                    .setParameter("at", at)
                    .executeUpdate();
        }
    }
}
