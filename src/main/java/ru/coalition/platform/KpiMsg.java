package ru.coalition.platform;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The texts of the support desk's figures (issue 11 §7): satisfaction, the supervisor's dashboard and the honour board. Templates say {kpi:kpiTitle}; Java asks {@link Messages#kpi}.
 */
@MessageBundle(value = "kpi", locale = "ru")
public interface KpiMsg {

    @Message
    String kpiTitle();
}
