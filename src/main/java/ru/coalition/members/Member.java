package ru.coalition.members;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A member of the coalition: one person, one card, shared by all partners. */
@Entity
@Table(name = "member")
public class Member extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "public_id")
    public UUID publicId;
    @Column(name = "card_number")
    public String cardNumber;
    @Column(name = "keycloak_id")
    public String keycloakId;
    @Column(name = "last_name")
    public String lastName;
    @Column(name = "first_name")
    public String firstName;
    @Column(name = "middle_name")
    public String middleName;
    public String phone;
    public String email;
    @Column(name = "birth_date")
    public LocalDate birthDate;
    public String gender;
    public String city;
    @Column(name = "social_status")
    public String socialStatus;
    @Column(name = "income_bracket")
    public String incomeBracket;
    @Column(name = "preferred_channel")
    public String preferredChannel;
    @Column(name = "referral_code")
    public String referralCode;
    @Column(name = "referred_by")
    public Long referredBy;
    public String status = "ACTIVE";
    public String language;
    @Column(name = "registered_at")
    public Instant registeredAt;
    /** When the member had their account deleted (status DELETED, personal fields gone). */
    @Column(name = "deleted_at")
    public Instant deletedAt;

    public static final String ACTIVE = "ACTIVE";
    public static final String DELETED = "DELETED";
}
