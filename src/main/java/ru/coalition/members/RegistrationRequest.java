package ru.coalition.members;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;

/** The questionnaire (API-CONTRACT.md "Registration"); the cabinet's form fills the same record. */
public record RegistrationRequest(
        @NotBlank(message = "{coalition.field.required}") @Size(max = 100, message = "{coalition.field.too-long}")
        @Pattern(regexp = NAME, message = "{coalition.field.name}") String lastName,
        @NotBlank(message = "{coalition.field.required}") @Size(max = 100, message = "{coalition.field.too-long}")
        @Pattern(regexp = NAME, message = "{coalition.field.name}") String firstName,
        @Size(max = 100, message = "{coalition.field.too-long}") @Pattern(regexp = NAME, message = "{coalition.field.name}") String middleName,
        @NotBlank(message = "{coalition.field.required}") @Pattern(regexp = "^\\+[1-9][0-9]{9,14}$", message = "{coalition.field.phone}") String phone,
        @Email(message = "{coalition.field.email}") @Size(max = 254, message = "{coalition.field.too-long}") String email,
        @NotNull(message = "{coalition.field.required}") LocalDate birthDate,
        @NotBlank(message = "{coalition.field.required}") @Pattern(regexp = "female|male", message = "{coalition.field.choice}") String gender,
        @NotBlank(message = "{coalition.field.required}") @Size(max = 100, message = "{coalition.field.too-long}") String city,
        @NotBlank(message = "{coalition.field.required}") @Pattern(regexp = SOCIAL_STATUSES, message = "{coalition.field.choice}") String socialStatus,
        @NotBlank(message = "{coalition.field.required}") @Pattern(regexp = INCOME_BRACKETS, message = "{coalition.field.choice}") String incomeBracket,
        @NotBlank(message = "{coalition.field.required}") @Pattern(regexp = "email|sms", message = "{coalition.field.choice}") String preferredChannel,
        @NotNull(message = "{coalition.field.required}") @Valid Consents consents,
        @Size(max = 12, message = "{coalition.field.too-long}") String referralCode) {

    public static final String NAME = "^[\\p{L}][\\p{L} .'\\-]*$";
    public static final String SOCIAL_STATUSES = "employed|self-employed|entrepreneur|student|retired|unemployed|homemaker|other";
    public static final String INCOME_BRACKETS = "under-25k|25-50k|50-100k|100-200k|over-200k|undisclosed";

    public record Consents(
            @NotNull(message = "{coalition.field.required}") @AssertTrue(message = "{coalition.field.consent-required}") Boolean personalData,
            Boolean marketingEmail,
            Boolean marketingSms) {
    }
}
