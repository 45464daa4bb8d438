package ru.coalition.audit;

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
import java.util.Map;

/** One staff action, kept for the record; never updated. */
@Entity
@Table(name = "audit_entry")
public class AuditEntry extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public Instant at;
    public String actor;
    @Column(name = "actor_roles")
    public String actorRoles;
    @Column(name = "partner_id")
    public Long partnerId;
    public String action;
    @Column(name = "target_type")
    public String targetType;
    @Column(name = "target_id")
    public String targetId;
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> details;
}
