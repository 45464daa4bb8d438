package ru.coalition.mailings;

import java.util.List;

/**
 * A mail in the bounce mailbox that is no delivery status notification: a person's reply to a campaign, a mailto
 * unsubscribe request, an auto-reply. {@link BounceMailbox} fires it as a synchronous CDI event and then marks the mail
 * read; an observer that throws leaves it unread, so it comes again with the next poll (observers recognise a repeat by
 * its messageId). With no observer such mails are only marked read.
 *
 * @param messageId the mail's Message-ID (or one made from its bytes when it has none)
 * @param from      the sender's address, lower case, or "" when it has none
 * @param to        the To and Cc addresses, lower case
 * @param text      the first plain-text part, or the first HTML part turned into text, or ""
 */
public record NonBounceMail(String messageId, String from, List<String> to, String subject, String text) {
}
