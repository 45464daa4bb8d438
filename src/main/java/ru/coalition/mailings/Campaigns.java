package ru.coalition.mailings;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import ru.coalition.audit.AuditLog;
import ru.coalition.members.Consent;
import ru.coalition.messaging.Outbox;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.Problem.FieldError;
import ru.coalition.platform.ProblemException;
import ru.coalition.platform.Texts;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The authoring side of campaigns (issue 12 §4): the operator's mailing manager writes drafts and schedules them; a
 * partner admin asks for a mailing to one of its segments, which the manager approves (as it is or edited) or rejects
 * with a reason. From SCHEDULED on the sending engine takes over. Every change of state is audited.
 */
@ApplicationScoped
@Transactional
public class Campaigns {

    static final int NAME_MAX = 200;
    static final int SUBJECT_MAX = 300;
    static final int BODY_MAX = 50_000;
    static final int SMS_MAX = 500;
    static final int REASON_MAX = 1000;

    /** What a composer sends: the content and its target. Null track flags keep the default (on). */
    public record Draft(String name, Consent.Channel channel, Long segmentId, String subjectRu, String subjectEn,
                        String bodyRu, String bodyEn, Boolean trackOpens, Boolean trackClicks, Instant wishedAt) {
    }

    @Inject
    Clock clock;

    @Inject
    AuditLog audit;

    @Inject
    CampaignRenderer renderer;

    @Inject
    Outbox outbox;

    /** A campaign as the caller may see it: a partner sees only its own (404 otherwise, never "forbidden"). */
    public Campaign get(long id, Long partnerScope) {
        Campaign c = Campaign.findById(id);
        if (c == null || partnerScope != null && !partnerScope.equals(c.partnerId)) {
            throw new ProblemException(ErrorCode.CAMPAIGN_NOT_FOUND);
        }
        return c;
    }

    /**
     * The latest 500, a partner's own only when partnerScope is given: requests waiting for the operator first, then
     * those going out, then drafts and scheduled ones, then the rest; newest first within each.
     */
    public List<Campaign> list(Long partnerScope) {
        String order = " order by case when status = 'REQUESTED' then 0 when status in ('SENDING', 'PAUSED') then 1"
                + " when status in ('DRAFT', 'SCHEDULED') then 2 else 3 end, id desc";
        return (partnerScope == null ? Campaign.<Campaign>find("from Campaign" + order) : Campaign.<Campaign>find("partnerId = ?1" + order, partnerScope))
                .page(0, 500).list();
    }

    /** The operator's new draft: its own offer (kind OFFER) or, with a partner segment, a mailing for that partner. */
    public Campaign createDraft(Draft d, String who, Locale locale) {
        Campaign c = new Campaign();
        c.status = Campaign.Status.DRAFT;
        c.createdBy = who;
        c.createdAt = clock.instant();
        apply(c, d, null, Texts.of(locale));
        c.persist();
        audit.record("campaign.drafted", c.partnerId, "campaign", String.valueOf(c.id), Map.of("name", c.name));
        return c;
    }

    /** A partner asks for a mailing to one of its own segments; the operator decides. */
    public Campaign request(long partnerId, Draft d, String who, Locale locale) {
        Campaign c = new Campaign();
        c.status = Campaign.Status.REQUESTED;
        c.partnerId = partnerId;
        c.requestedBy = who;
        c.createdBy = who;
        c.createdAt = clock.instant();
        apply(c, d, partnerId, Texts.of(locale));
        c.persist();
        audit.record("campaign.requested", partnerId, "campaign", String.valueOf(c.id), Map.of("name", c.name));
        return c;
    }

    /** Edits the content; a partner may edit its request until the operator decides, the operator anything not sent yet. */
    public Campaign edit(long id, Draft d, Long partnerScope, String who, Locale locale) {
        Campaign c = lock(id, partnerScope);
        boolean editable = partnerScope == null
                ? c.status == Campaign.Status.REQUESTED || c.status == Campaign.Status.DRAFT || c.status == Campaign.Status.SCHEDULED
                : c.status == Campaign.Status.REQUESTED;
        if (!editable) {
            throw new ProblemException(ErrorCode.CAMPAIGN_STATE, c.status.name());
        }
        apply(c, d, c.partnerId, Texts.of(locale));
        audit.record("campaign.edited", c.partnerId, "campaign", String.valueOf(c.id), Map.of("by", who));
        return c;
    }

    /**
     * Approves and schedules: a draft, a partner's request or a drafted newsletter issue goes at {@code at} (now when
     * null or past). The content must render for a member, and a partner's mailing must target one of its segments.
     */
    public Campaign schedule(long id, Instant at, String who, Locale locale) {
        Campaign c = lock(id, null);
        if (c.status != Campaign.Status.DRAFT && c.status != Campaign.Status.REQUESTED && c.status != Campaign.Status.SCHEDULED) {
            throw new ProblemException(ErrorCode.CAMPAIGN_STATE, c.status.name());
        }
        List<FieldError> errors = readyErrors(c, Texts.of(locale));
        if (!errors.isEmpty()) {
            throw new ProblemException(ErrorCode.VALIDATION, errors);
        }
        Instant now = clock.instant();
        if (c.status == Campaign.Status.REQUESTED || c.approvedBy == null) {
            c.approvedBy = who;
            c.approvedAt = now;
        }
        c.status = Campaign.Status.SCHEDULED;
        c.scheduledAt = at == null || at.isBefore(now) ? now : at;
        c.updatedAt = now;
        audit.record("campaign.scheduled", c.partnerId, "campaign", String.valueOf(c.id),
                Map.of("at", c.scheduledAt.toString(), "by", who));
        return c;
    }

    /** Takes a scheduled campaign back to a draft before it starts. */
    public Campaign unschedule(long id, String who) {
        Campaign c = lock(id, null);
        if (c.status != Campaign.Status.SCHEDULED) {
            throw new ProblemException(ErrorCode.CAMPAIGN_STATE, c.status.name());
        }
        c.status = Campaign.Status.DRAFT;
        c.scheduledAt = null;
        c.updatedAt = clock.instant();
        audit.record("campaign.unscheduled", c.partnerId, "campaign", String.valueOf(c.id), Map.of("by", who));
        return c;
    }

    /** Refuses a partner's request (or a drafted newsletter issue) with a reason the partner reads. */
    public Campaign reject(long id, String reason, String who, Locale locale) {
        Campaign c = lock(id, null);
        if (c.status != Campaign.Status.REQUESTED && c.status != Campaign.Status.DRAFT) {
            throw new ProblemException(ErrorCode.CAMPAIGN_STATE, c.status.name());
        }
        String r = reason == null ? "" : reason.strip();
        Texts texts = Texts.of(locale);
        if (r.isEmpty() || r.length() > REASON_MAX) {
            throw new ProblemException(ErrorCode.VALIDATION, List.of(new FieldError("reason",
                    texts.problem(r.isEmpty() ? "coalition.field.required" : "coalition.field.too-long"))));
        }
        c.status = Campaign.Status.REJECTED;
        c.rejectionReason = r;
        c.finishedAt = clock.instant();
        c.updatedAt = c.finishedAt;
        audit.record("campaign.rejected", c.partnerId, "campaign", String.valueOf(c.id), Map.of("reason", r, "by", who));
        return c;
    }

    /** A partner takes back its request before the operator decides. */
    public Campaign withdraw(long id, long partnerId, String who) {
        Campaign c = lock(id, partnerId);
        if (c.status != Campaign.Status.REQUESTED) {
            throw new ProblemException(ErrorCode.CAMPAIGN_STATE, c.status.name());
        }
        c.status = Campaign.Status.CANCELLED;
        c.finishedAt = clock.instant();
        c.updatedAt = c.finishedAt;
        audit.record("campaign.withdrawn", partnerId, "campaign", String.valueOf(c.id), Map.of("by", who));
        return c;
    }

    /**
     * Sends the campaign as a sample member would get it to the staff member's own address, marked as a test. It goes
     * through the transactional outbox, so it arrives even while the campaign queue is busy.
     */
    public void testSend(long id, String staffEmail, String language, Locale locale) {
        Campaign c = get(id, null);
        if (staffEmail == null || staffEmail.isBlank()) {
            throw new ProblemException(ErrorCode.CAMPAIGN_NO_TEST_ADDRESS);
        }
        if (c.channel != Consent.Channel.EMAIL) {
            throw new ProblemException(ErrorCode.CAMPAIGN_STATE, c.channel.name());
        }
        List<FieldError> errors = contentErrors(c, Texts.of(locale));
        if (!errors.isEmpty()) {
            throw new ProblemException(ErrorCode.VALIDATION, errors);
        }
        CampaignRenderer.Rendered mail = renderer.render(c, sampleReader(language), language);
        outbox.email("campaign-test", staffEmail, "[TEST] " + mail.subject(), mail.html(), null, false);
        audit.record("campaign.test-sent", c.partnerId, "campaign", String.valueOf(c.id), Map.of("to", staffEmail));
    }

    /** The preview's reader: a member called Анна (Anna), with the unsubscribe link going nowhere. */
    public static CampaignRenderer.Reader sampleReader(String language) {
        return new CampaignRenderer.Reader("en".equals(language) ? "Anna" : "Анна", "#unsubscribe");
    }

    /** What stops this campaign from being scheduled, as field errors (empty when it is ready). */
    public List<FieldError> readyErrors(Campaign c, Texts texts) {
        List<FieldError> errors = contentErrors(c, texts);
        if (c.kind == Campaign.Kind.PARTNER && c.segmentId == null) {
            errors.add(new FieldError("segmentId", texts.problem("coalition.field.required")));
        }
        return errors;
    }

    private List<FieldError> contentErrors(Campaign c, Texts texts) {
        List<FieldError> errors = new ArrayList<>();
        if (c.channel == Consent.Channel.EMAIL) {
            required(errors, "subjectRu", c.subjectRu, texts);
            templateProblem(errors, "subjectRu", c.subjectRu, texts);
            templateProblem(errors, "subjectEn", c.subjectEn, texts);
        }
        required(errors, "bodyRu", c.bodyRu, texts);
        templateProblem(errors, "bodyRu", c.bodyRu, texts);
        templateProblem(errors, "bodyEn", c.bodyEn, texts);
        return errors;
    }

    private void templateProblem(List<FieldError> errors, String field, String source, Texts texts) {
        if (source != null && !source.isBlank() && renderer.problem(source) != null) {
            errors.add(new FieldError(field, texts.problem("coalition.field.campaign-template")));
        }
    }

    private static void required(List<FieldError> errors, String field, String value, Texts texts) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, texts.problem("coalition.field.required")));
        }
    }

    /** Checks and copies a draft onto the campaign; a partner's draft may only target that partner's segments. */
    private void apply(Campaign c, Draft d, Long partnerId, Texts texts) {
        if (d == null) {
            throw new ProblemException(ErrorCode.VALIDATION, List.of(new FieldError("body", texts.problem("coalition.field.body-required"))));
        }
        List<FieldError> errors = new ArrayList<>();
        String name = trim(d.name());
        if (name == null) {
            errors.add(new FieldError("name", texts.problem("coalition.field.required")));
        }
        if (d.channel() == null) {
            errors.add(new FieldError("channel", texts.problem("coalition.field.choice")));
        }
        int bodyMax = d.channel() == Consent.Channel.SMS ? SMS_MAX : BODY_MAX;
        tooLong(errors, "name", name, NAME_MAX, texts);
        tooLong(errors, "subjectRu", d.subjectRu(), SUBJECT_MAX, texts);
        tooLong(errors, "subjectEn", d.subjectEn(), SUBJECT_MAX, texts);
        tooLong(errors, "bodyRu", d.bodyRu(), bodyMax, texts);
        tooLong(errors, "bodyEn", d.bodyEn(), bodyMax, texts);
        Long owner = c.partnerId != null ? c.partnerId : partnerId;
        if (d.segmentId() != null) {
            Segment s = Segment.findById(d.segmentId());
            if (s == null || (owner != null || partnerId != null) && !java.util.Objects.equals(s.partnerId, owner)) {
                errors.add(new FieldError("segmentId", texts.problem("coalition.field.choice")));
            } else if (partnerId == null && c.partnerId == null) {
                owner = s.partnerId; // the operator sends for the partner whose segment it picked
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ErrorCode.VALIDATION, errors);
        }
        c.name = name;
        c.channel = d.channel();
        c.segmentId = d.segmentId();
        c.partnerId = owner;
        if (c.kind != Campaign.Kind.NEWSLETTER) {
            c.kind = owner != null ? Campaign.Kind.PARTNER : Campaign.Kind.OFFER;
        }
        c.subjectRu = d.channel() == Consent.Channel.EMAIL ? trim(d.subjectRu()) : null;
        c.subjectEn = d.channel() == Consent.Channel.EMAIL ? trim(d.subjectEn()) : null;
        c.bodyRu = d.bodyRu() == null || d.bodyRu().isBlank() ? null : d.bodyRu();
        c.bodyEn = d.bodyEn() == null || d.bodyEn().isBlank() ? null : d.bodyEn();
        if (d.trackOpens() != null) {
            c.trackOpens = d.trackOpens();
        }
        if (d.trackClicks() != null) {
            c.trackClicks = d.trackClicks();
        }
        if (d.wishedAt() != null) {
            c.wishedAt = d.wishedAt();
        }
        c.updatedAt = clock.instant();
    }

    private static void tooLong(List<FieldError> errors, String field, String value, int max, Texts texts) {
        if (value != null && value.strip().length() > max) {
            errors.add(new FieldError(field, texts.problem("coalition.field.too-long")));
        }
    }

    private static String trim(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private Campaign lock(long id, Long partnerScope) {
        Campaign c = Campaign.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (c == null || partnerScope != null && !partnerScope.equals(c.partnerId)) {
            throw new ProblemException(ErrorCode.CAMPAIGN_NOT_FOUND);
        }
        return c;
    }
}
