package ru.coalition.bonuses;

import ru.coalition.platform.Messages;
import ru.coalition.platform.Msg;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import ru.coalition.ledger.EntryKind;
import ru.coalition.ledger.LedgerService;
import ru.coalition.members.Member;
import ru.coalition.members.MemberService;
import ru.coalition.members.ServiceNotices;
import ru.coalition.partners.Customers;
import ru.coalition.partners.Partner;
import ru.coalition.partners.PartnerService;
import ru.coalition.partners.ProgramDefinition;
import ru.coalition.platform.CoalitionConfig;
import ru.coalition.platform.Texts;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.List;
import java.util.Locale;

/**
 * Birthday bonuses and greetings: on the member's birthday (partner-local date; 29 February is celebrated on the
 * 28th in other years) every partner program with a birthday bonus, where the member has bought, pays it once a year.
 */
@ApplicationScoped
public class BirthdayService {

    @Inject
    CoalitionConfig config;

    @Inject
    Clock clock;

    @Inject
    PartnerService partners;

    @Inject
    MemberService members;

    @Inject
    BonusService bonuses;

    @Inject
    Customers customers;

    @Inject
    LedgerService ledger;

    @Inject
    ServiceNotices notices;


    @Location("bonuses/birthday-email.html")
    Template birthdayEmail;

    @ActivateRequestContext
    public int run() {
        int paid = 0;
        for (Partner p : partners.list()) {
            paid += run(p.id);
        }
        return paid;
    }

    @Transactional
    public int run(long partnerId) {
        Partner partner = partners.findById(partnerId).orElseThrow();
        ProgramDefinition program = partner.status == Partner.Status.ACTIVE ? partners.currentProgram(partner).orElse(null) : null;
        if (program == null || program.birthday() == null) {
            return 0;
        }
        LocalDate today = partners.today(partner);
        MonthDay day = MonthDay.from(today);
        boolean alsoLeapDay = !today.isLeapYear() && day.equals(MonthDay.of(2, 28));
        List<Long> ids = customers.among(partner.id, members.bornOn(day, alsoLeapDay));
        int paid = 0;
        Instant now = clock.instant();
        for (long memberId : ids) {
            if (!bonuses.grantOnce(partner.id, memberId, BonusService.BIRTHDAY, Integer.toString(today.getYear()))) {
                continue;
            }
            long wallet = ledger.walletId(memberId, partner.walletPartnerId());
            ledger.post(wallet, memberId, List.of(new LedgerService.Entry(EntryKind.BONUS, program.birthday().bonus(), now,
                    partner.id, "birthday", null, "birthday:" + today.getYear())));
            if (program.birthday().greeting()) {
                greet(partner, members.byId(memberId).orElseThrow(), program.birthday().bonus());
            }
            paid++;
        }
        return paid;
    }

    private void greet(Partner partner, Member m, long bonus) {
        Locale locale = Locale.of(m.language == null ? "ru" : m.language);
        Msg msg = Messages.of(locale);
        notices.toMember(m, "birthday.greeting",
                msg.smsBirthday(m.firstName, partner.name, bonus), msg.mailBirthdaySubject(m.firstName),
                () -> birthdayEmail.instance().setLocale(locale).data("language", locale.getLanguage()).data("member", m).data("partner", partner.name)
                        .data("bonus", bonus).data("cabinetUrl", config.publicUrl() + "/cabinet/wallets").render());
    }
}
