package ru.coalition.mailings;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;

/** A target group kept as its filter (JSON), counted and resolved when needed; never a stored list of members. */
@Entity
@Table(name = "segment")
public class Segment extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** Null for the operator's segments over the whole base; a partner's segment sees only its own customers. */
    @Column(name = "partner_id")
    public Long partnerId;
    public String name;
    @JdbcTypeCode(SqlTypes.JSON)
    public String definition;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
