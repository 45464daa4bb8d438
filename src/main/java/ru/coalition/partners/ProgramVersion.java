package ru.coalition.partners;

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
import java.time.LocalDate;

/** One version of a partner's program, in force from a local date until the next version. */
@Entity
@Table(name = "program_version")
public class ProgramVersion extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "partner_id")
    public Long partnerId;
    @Column(name = "effective_from")
    public LocalDate effectiveFrom;
    @JdbcTypeCode(SqlTypes.JSON)
    public String definition;
    public String checksum;
    @Column(name = "created_at")
    public Instant createdAt;
}
