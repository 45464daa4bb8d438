package ru.coalition.support;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.ErrorSummary;
import ru.coalition.platform.KpiMsg;
import ru.coalition.platform.Messages;
import ru.coalition.platform.ProblemException;
import ru.coalition.platform.RequestLocale;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The page of a mailed rating link (no sign-in): the question with the score chosen in the mail already marked, and a
 * comment; sending it records the ticket's one rating. Opening the link records nothing, so a mail scanner that
 * follows links cannot rate for the member. A forged, damaged or expired link gets a page saying so; a second answer a
 * friendly "already rated".
 */
@Path("/support/rate/{token}")
@Produces(MediaType.TEXT_HTML)
@PermitAll
public class RatingResource {

    static final int MAX_COMMENT = 2000;
    static final List<Integer> SCORES = List.of(5, 4, 3, 2, 1);

    /** How a rating page ends: thanked (rated now), already (rated before), unsolved (reopened since the mail). */
    public enum Outcome { THANKS, ALREADY, UNSOLVED }

    @CheckedTemplate(basePath = "kpi")
    static class Templates {
        static native TemplateInstance rate(String token, Satisfaction.Survey survey, List<Integer> scores, Integer chosen, String comment,
                                            Map<String, String> errors, ErrorSummary summary);

        static native TemplateInstance rated(Satisfaction.Survey survey, Outcome outcome);
    }

    @Inject
    Satisfaction satisfaction;

    @Inject
    RequestLocale locale;

    @GET
    public Response page(@PathParam("token") String token, @QueryParam("score") String score) {
        Satisfaction.Survey s = satisfaction.survey(token);
        if (!s.rateable()) {
            return finished(s);
        }
        return Response.ok(Templates.rate(token, s, SCORES, score(score), "", Map.of(), ErrorSummary.NONE)).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response rate(@PathParam("token") String token, @RestForm String score, @RestForm String comment) {
        Satisfaction.Survey s = satisfaction.survey(token);
        if (!s.rateable()) {
            return finished(s);
        }
        KpiMsg kpi = Messages.kpi(locale.get());
        Integer chosen = score(score);
        Map<String, String> errors = new LinkedHashMap<>();
        if (chosen == null) {
            errors.put("score", kpi.surveyScoreRequired());
        }
        if (comment != null && comment.length() > MAX_COMMENT) {
            errors.put("comment", kpi.surveyCommentTooLong(MAX_COMMENT));
        }
        if (!errors.isEmpty()) {
            return Response.status(422).entity(Templates.rate(token, s, SCORES, chosen, comment == null ? "" : comment, errors,
                    ErrorSummary.of(errors, f -> "score".equals(f) ? kpi.surveyQuestion() : kpi.surveyComment()))).build();
        }
        try {
            return Response.ok(Templates.rated(satisfaction.rate(token, chosen, comment), Outcome.THANKS)).build();
        } catch (ProblemException e) {
            if (e.code() == ErrorCode.TICKET_RATED || e.code() == ErrorCode.TICKET_NOT_SOLVED) {
                return finished(satisfaction.survey(token));
            }
            throw e;
        }
    }

    /** Rated already (409) or reopened since the mail (409: the ticket is not in a state to be rated). */
    private static Response finished(Satisfaction.Survey s) {
        return Response.status(409).entity(Templates.rated(s, s.solved() ? Outcome.ALREADY : Outcome.UNSOLVED)).build();
    }

    private static Integer score(String text) {
        if (text == null) {
            return null;
        }
        try {
            int n = Integer.parseInt(text.trim());
            return n >= 1 && n <= 5 ? n : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
