package ru.coalition.web;

import io.quarkus.arc.Arc;
import io.quarkus.qute.EngineBuilder;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import ru.coalition.platform.RequestLocale;

/**
 * Gives every template made during a request the request's language, so {msg:…} and the formats pick it up
 * without each resource passing it. Templates made outside a request (e-mails from jobs) set it themselves.
 * Quarkus registers no Initializer bean by itself: this one adds itself when the engine is built.
 */
@Singleton
public class PageLocale implements TemplateInstance.Initializer {

    void register(@Observes EngineBuilder builder) {
        builder.addTemplateInstanceInitializer(this);
    }

    @Override
    public void accept(TemplateInstance instance) {
        var requestContext = Arc.container().requestContext();
        if (requestContext.isActive() && instance.getAttribute(TemplateInstance.LOCALE) == null) {
            instance.setLocale(Arc.container().instance(RequestLocale.class).get().get());
        }
    }
}
