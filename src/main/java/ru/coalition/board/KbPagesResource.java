package ru.coalition.board;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import ru.coalition.platform.RequestLocale;

import java.util.List;

/** The public knowledge base: articles by topic and one article; support agents also see drafts, marked as such. */
@Path("/kb")
@Produces(MediaType.TEXT_HTML)
@PermitAll
public class KbPagesResource {

    @CheckedTemplate(basePath = "board")
    static class Templates {
        static native TemplateInstance kb(List<Board.Topic> topics, String topic, List<KnowledgeBase.Summary> articles, boolean staff);

        static native TemplateInstance article(KnowledgeBase.Article article, boolean staff);
    }

    @Inject
    KnowledgeBase kb;

    @Inject
    Board board;

    @Inject
    BoardViewers viewers;

    @Inject
    RequestLocale locale;

    @GET
    public TemplateInstance list(@QueryParam("topic") String topic) {
        List<Board.Topic> topics = board.topics(locale.get());
        String known = topics.stream().anyMatch(t -> t.slug().equals(topic)) ? topic : null;
        boolean staff = viewers.isStaff();
        return Templates.kb(topics, known, kb.list(known, staff, locale.get()), staff);
    }

    @GET
    @Path("/{slug}")
    public TemplateInstance article(@PathParam("slug") String slug) {
        boolean staff = viewers.isStaff();
        return Templates.article(kb.article(slug, staff, locale.get()), staff);
    }
}
