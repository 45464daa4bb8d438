package ru.coalition.members;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A new phone or e-mail waiting for the code sent to it; only the code's salted hash is kept. */
@Entity
@Table(name = "contact_change")
public class ContactChange extends PanacheEntityBase {

    public enum Channel { PHONE, EMAIL }

    public enum Status { OPEN, CONFIRMED, CANCELLED, FAILED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "member_id")
    public Long memberId;
    @Enumerated(EnumType.STRING)
    public Channel channel;
    @Column(name = "new_value")
    public String newValue;
    @Column(name = "code_salt")
    public String codeSalt;
    @Column(name = "code_hash")
    public String codeHash;
    public int attempts;
    @Enumerated(EnumType.STRING)
    public Status status = Status.OPEN;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "expires_at")
    public Instant expiresAt;
    @Column(name = "closed_at")
    public Instant closedAt;
}
