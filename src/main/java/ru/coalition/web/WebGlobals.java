package ru.coalition.web;

import io.quarkus.arc.Arc;
import io.quarkus.qute.TemplateGlobal;
import ru.coalition.platform.RequestLocale;

/** What every page template can use besides {msg:…}: {lang}, the request's language code. */
@TemplateGlobal
public class WebGlobals {

    static String lang() {
        var requestContext = Arc.container().requestContext();
        return requestContext.isActive() ? Arc.container().instance(RequestLocale.class).get().get().getLanguage() : "ru";
    }
}
