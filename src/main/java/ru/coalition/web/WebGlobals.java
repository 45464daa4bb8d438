package ru.coalition.web;

import io.quarkus.arc.Arc;
import io.quarkus.qute.TemplateGlobal;
import ru.coalition.platform.RequestLocale;
import ru.coalition.platform.Texts;

/** What every page template can use: {i18n.t('key')} in the request's language. */
@TemplateGlobal
public class WebGlobals {

    static Texts i18n() {
        var requestContext = Arc.container().requestContext();
        return requestContext.isActive() ? Arc.container().instance(RequestLocale.class).get().texts() : Texts.of(Texts.RUSSIAN);
    }
}
