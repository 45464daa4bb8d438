package ru.coalition.staff;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** An invitation e-mailed to a new colleague; the link's token is kept only as its SHA-256 and works once. */
@Entity
@Table(name = "staff_invitation")
public class StaffInvitation extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "token_hash")
    public String tokenHash;
    @Column(name = "keycloak_id")
    public String keycloakId;
    @Column(name = "partner_id")
    public Long partnerId;
    public String role;
    public String email;
    @Column(name = "invited_by")
    public String invitedBy;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "expires_at")
    public Instant expiresAt;
    @Column(name = "used_at")
    public Instant usedAt;
}
