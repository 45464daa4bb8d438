package ru.coalition.messaging;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.Map;

/** A message waiting to be sent (or sent, or given up on), written in the same transaction as its cause. */
@Entity
@Table(name = "outbox_message")
public class OutboxMessage extends PanacheEntityBase {

    public enum Channel { EMAIL, SMS }

    public enum Status { PENDING, SENT, DEAD }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Enumerated(EnumType.STRING)
    public Channel channel;
    public String kind;
    public String recipient;
    public String subject;
    public String body;
    public boolean html;
    /**
     * Headers beyond recipient and subject, or null: Message-ID, In-Reply-To, References (threading), and From and
     * Reply-To when the mail is not from the default sender.
     */
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, String> headers;
    /** Holds a secret (a password): the body is wiped once delivered. */
    public boolean sensitive;
    @Column(name = "member_id")
    public Long memberId;
    @Enumerated(EnumType.STRING)
    public Status status = Status.PENDING;
    public int attempts;
    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;
    @Column(name = "last_error")
    public String lastError;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "sent_at")
    public Instant sentAt;
}
