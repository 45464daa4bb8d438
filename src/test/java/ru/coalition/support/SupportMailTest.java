package ru.coalition.support;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;
import ru.coalition.devstack.DevStack;
import ru.coalition.testing.DevStackTestResource;
import ru.coalition.testing.Inbox;
import ru.coalition.testing.TestMembers;
import ru.coalition.testing.Tokens;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The support mailbox (issue 11 §2) against real GreenMail SMTP and IMAP: mails become tickets or replies, staff's
 * replies go out threaded, and nothing is taken twice.
 */
@QuarkusTest
class SupportMailTest {

    static final String OPERATOR_TICKETS = "/api/v1/operator/tickets";

    @Inject
    SupportMailbox mailbox;

    @Inject
    EntityManager em;

    /** Sends a mail to the support mailbox through GreenMail's SMTP, with the Message-ID given. */
    static void send(String from, String fromName, String subject, String text, String messageId, String inReplyTo, String html)
            throws Exception {
        Properties p = new Properties();
        p.put("mail.smtp.host", "127.0.0.1");
        p.put("mail.smtp.port", DevStackTestResource.stack().environment().get("SMTP_PORT"));
        Session session = Session.getInstance(p);
        MimeMessage m = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        m.setFrom(new InternetAddress(from, fromName, "UTF-8"));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress(DevStack.SUPPORT_MAILBOX));
        m.setSubject(subject, "UTF-8");
        if (html != null) {
            m.setContent(html, "text/html; charset=UTF-8");
        } else {
            m.setText(text, "UTF-8");
        }
        if (inReplyTo != null) {
            m.setHeader("In-Reply-To", inReplyTo);
            m.setHeader("References", inReplyTo);
        }
        Transport.send(m);
    }

    static String newId() {
        return "<" + UUID.randomUUID() + "@mail.example.org>";
    }

    String ticketOf(String messageId) {
        @SuppressWarnings("unchecked")
        List<Object> rows = em.createNativeQuery("select cast(t.public_id as text) from support_ticket t join support_mail m on m.ticket_id = t.id"
                + " where m.message_id = :m").setParameter("m", messageId).getResultList();
        assertEquals(1, rows.size(), "one ticket records the mail " + messageId);
        return (String) rows.get(0);
    }

    Object[] contact(String ticketId) {
        return (Object[]) em.createNativeQuery("select member_id, contact_email, contact_name, channel, category from support_ticket"
                + " where public_id = cast(:p as uuid)").setParameter("p", ticketId).getSingleResult();
    }

    long repliesMailedTo(String address) {
        return ((Number) em.createNativeQuery("select count(*) from outbox_message where kind = 'support-reply' and recipient = :r")
                .setParameter("r", address).getSingleResult()).longValue();
    }

    @Test
    void aMemberWritesTheAgentAnswersTheMemberRepliesOnTheSameTicket() throws Exception {
        var member = TestMembers.register();
        String first = newId();
        send(member.email().toUpperCase(), "Тест Покупатель", "Не начислили баллы",
                "Заправился вчера, баллов нет.\n\nСпасибо", first, null, null);
        SupportMailbox.Polled polled = mailbox.poll();
        assertTrue(polled.ran());
        assertTrue(polled.opened() >= 1, "the mail opened a ticket: " + polled);

        String ticket = ticketOf(first);
        Object[] row = contact(ticket);
        assertFalse(row[0] == null, "the sender is the member with that address");
        assertEquals("EMAIL", row[3]);
        assertEquals("question", row[4]);
        String agent = Tokens.user("support", "demo1234");
        String number = given().auth().oauth2(agent).get(OPERATOR_TICKETS + "/" + ticket).then().statusCode(200)
                .body("ticket.subject", equalTo("Не начислили баллы")).body("ticket.channel", equalTo("EMAIL"))
                .body("messages", hasSize(1)).body("messages[0].from", equalTo("MEMBER"))
                .body("messages[0].body", equalTo("Заправился вчера, баллов нет.\n\nСпасибо"))
                .extract().path("ticket.number");
        // the member sees it in the cabinet too
        given().auth().oauth2(member.token()).get("/api/v1/me/tickets/" + ticket).then().statusCode(200);

        // the agent's public reply goes out by SMTP, threaded under the member's mail
        given().auth().oauth2(agent).contentType(ContentType.JSON).body(Map.of("body", "Баллы начислим завтра.", "internal", false))
                .post(OPERATOR_TICKETS + "/" + ticket + "/messages").then().statusCode(200)
                .body("ticket.state", equalTo("PENDING_MEMBER"));
        MimeMessage reply = Inbox.awaitMailTo(member.email(), "[" + number + "]");
        assertEquals("Re: Не начислили баллы [" + number + "]", reply.getSubject());
        assertEquals(first, reply.getHeader("In-Reply-To")[0]);
        assertTrue(reply.getHeader("References")[0].contains(first));
        assertEquals(DevStack.SUPPORT_MAILBOX, ((InternetAddress) reply.getFrom()[0]).getAddress());
        assertEquals(DevStack.SUPPORT_MAILBOX, ((InternetAddress) reply.getReplyTo()[0]).getAddress());
        assertTrue(Inbox.body(reply).contains("Баллы начислим завтра."), Inbox.body(reply));
        String ours = reply.getMessageID();
        assertTrue(ours != null && ours.endsWith("@coalition.local>"), "our Message-ID: " + ours);

        // an internal note never goes out
        long mailed = repliesMailedTo(member.email());
        assertEquals(1, mailed);
        given().auth().oauth2(agent).contentType(ContentType.JSON).body(Map.of("body", "Проверить чек у партнёра", "internal", true))
                .post(OPERATOR_TICKETS + "/" + ticket + "/messages").then().statusCode(200);
        assertEquals(mailed, repliesMailedTo(member.email()), "a note queues no mail");
        given().auth().oauth2(agent).contentType(ContentType.JSON).body(Map.of("body", "Ждём ответа партнёра.", "internal", false))
                .post(OPERATOR_TICKETS + "/" + ticket + "/messages").then().statusCode(200)
                .body("ticket.state", equalTo("PENDING_MEMBER"));

        // the member answers our mail: no number in the subject, In-Reply-To names our Message-ID; the quote is cut off
        String answer = newId();
        send(member.email(), "Тест Покупатель", "Re: Не начислили баллы", "Хорошо, жду.\n\nOn Mon, 7 Dec 2026 at 10:00, Coalition support <"
                + DevStack.SUPPORT_MAILBOX + "> wrote:\n> Баллы начислим завтра.", answer, ours, null);
        assertTrue(mailbox.poll().replied() >= 1);
        assertEquals(ticket, ticketOf(answer));
        given().auth().oauth2(agent).get(OPERATOR_TICKETS + "/" + ticket).then().statusCode(200)
                .body("ticket.state", equalTo("OPEN")).body("messages", hasSize(5))
                .body("messages[4].from", equalTo("MEMBER")).body("messages[4].body", equalTo("Хорошо, жду."));
    }

    @Test
    void anUnknownSenderGetsATicketWithoutAMemberAndRepliesByNumberInTheSubject() throws Exception {
        String stranger = "stranger-" + UUID.randomUUID().toString().substring(0, 8) + "@example.net";
        String id = newId();
        send(stranger, "Иван Петров", "Как стать участником?", null, id, null,
                "<html><head><style>p{color:red}</style></head><body><p>Здравствуйте!</p><p>Как получить <b>карту</b>?<br>Иван</p>"
                        + "<script>alert(1)</script></body></html>");
        mailbox.poll();
        String ticket = ticketOf(id);
        Object[] row = contact(ticket);
        assertNull(row[0], "no member");
        assertEquals(stranger, row[1]);
        assertEquals("Иван Петров", row[2]);
        String agent = Tokens.user("support", "demo1234");
        String number = given().auth().oauth2(agent).get(OPERATOR_TICKETS + "/" + ticket).then().statusCode(200)
                .body("messages[0].body", equalTo("Здравствуйте!\n\nКак получить карту?\nИван"))
                .body("messages[0].author", equalTo("Иван Петров")).extract().path("ticket.number");

        // the reply goes to the sender's address
        given().auth().oauth2(agent).contentType(ContentType.JSON).body(Map.of("body", "Зарегистрируйтесь на сайте.", "internal", false))
                .post(OPERATOR_TICKETS + "/" + ticket + "/messages").then().statusCode(200);
        Inbox.awaitMailTo(stranger, "[" + number + "]");

        // a new mail (no In-Reply-To) that names the ticket's number joins it, from the same sender only
        String again = newId();
        send(stranger, "Иван Петров", "Ещё вопрос [" + number + "]", "А бесплатно?", again, null, null);
        String other = newId();
        send("someone-else-" + UUID.randomUUID().toString().substring(0, 8) + "@example.net", null, "Re: [" + number + "]",
                "Чужой ответ", other, null, null);
        mailbox.poll();
        assertEquals(ticket, ticketOf(again));
        assertFalse(ticket.equals(ticketOf(other)), "a stranger cannot write into the ticket by its number");
    }

    @Test
    void theSameMailPolledTwiceMakesOneMessage() throws Exception {
        var member = TestMembers.register();
        String id = newId();
        send(member.email(), null, "Дубль", "Одно письмо", id, null, null);
        mailbox.poll();
        String ticket = ticketOf(id);
        // the same mail delivered again, and the first one unseen again (as after a crash between commit and \Seen)
        send(member.email(), null, "Дубль", "Одно письмо", id, null, null);
        markAllUnseen();
        SupportMailbox.Polled again = mailbox.poll();
        assertTrue(again.already() >= 2, "both copies were recognised: " + again);
        assertEquals(ticket, ticketOf(id));
        given().auth().oauth2(Tokens.user("support", "demo1234")).get(OPERATOR_TICKETS + "/" + ticket).then().statusCode(200)
                .body("messages", hasSize(1));
        assertEquals(0, mailbox.poll().already(), "all are seen now");
    }

    @Test
    void aReplicaThatCannotTakeTheLockLeavesTheMailboxAlone() throws Exception {
        var member = TestMembers.register();
        String id = newId();
        send(member.email(), null, "Пока другой читает", "Письмо", id, null, null);
        // another replica is reading: it holds the mailbox's advisory lock on its own connection
        try (java.sql.Connection other = dataSource.getConnection(); var lock = other.prepareStatement("select pg_advisory_lock(?)")) {
            lock.setLong(1, SupportMailbox.LOCK);
            lock.execute();
            SupportMailbox.Polled skipped = mailbox.poll();
            assertFalse(skipped.ran(), "this replica skipped its turn");
            assertTrue(em.createNativeQuery("select 1 from support_mail where message_id = :m").setParameter("m", id).getResultList().isEmpty());
            try (var unlock = other.prepareStatement("select pg_advisory_unlock(?)")) {
                unlock.setLong(1, SupportMailbox.LOCK);
                unlock.execute();
            }
        }
        assertTrue(mailbox.poll().ran());
        ticketOf(id);
    }

    @Inject
    javax.sql.DataSource dataSource;

    /** Clears \Seen of every mail in the support mailbox over IMAP. */
    static void markAllUnseen() throws MessagingException {
        Properties p = new Properties();
        Session session = Session.getInstance(p);
        try (Store store = session.getStore("imap")) {
            store.connect("127.0.0.1", DevStackTestResource.stack().imapPort, DevStack.SUPPORT_MAILBOX, DevStack.SUPPORT_MAILBOX_PASSWORD);
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            inbox.setFlags(1, inbox.getMessageCount(), new Flags(Flags.Flag.SEEN), false);
            inbox.close(false);
        }
    }
}
