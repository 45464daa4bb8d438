package ru.coalition.devstack;

import com.icegreen.greenmail.util.GreenMail;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The demo's mail catcher page: every e-mail GreenMail received and every SMS the gateway stub took, newest first. */
final class DevInbox implements AutoCloseable {

    private final HttpServer server;

    DevInbox(int port, GreenMail mail, SmsCatcher sms) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                byte[] page = render(mail, sms).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
                exchange.sendResponseHeaders(200, page.length);
                exchange.getResponseBody().write(page);
            }
        });
        server.start();
    }

    private static String render(GreenMail mail, SmsCatcher sms) {
        StringBuilder html = new StringBuilder("""
                <!DOCTYPE html><html lang="ru"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                <meta http-equiv="refresh" content="5"><title>Coalition · почта и SMS (демо)</title>
                <style>body{font-family:system-ui,sans-serif;max-width:900px;margin:auto;padding:12px}article{border:1px solid #ddd;border-radius:8px;padding:12px;margin:12px 0}
                .meta{color:#666;font-size:.9em}</style></head><body><h1>Почта и SMS демо-стенда</h1><p class="meta">Обновляется каждые 5 секунд.</p><h2>SMS</h2>
                """);
        List<SmsCatcher.Sms> texts = sms.received();
        if (texts.isEmpty()) {
            html.append("<p>Пока нет.</p>");
        }
        for (int i = texts.size() - 1; i >= 0; i--) {
            SmsCatcher.Sms s = texts.get(i);
            html.append("<article><div class=meta>").append(s.at()).append(" → ").append(escape(s.to())).append("</div><p>")
                    .append(escape(s.text())).append("</p></article>");
        }
        html.append("<h2>E-mail</h2>");
        MimeMessage[] messages = mail.getReceivedMessages();
        if (messages.length == 0) {
            html.append("<p>Пока нет.</p>");
        }
        for (int i = messages.length - 1; i >= 0; i--) {
            try {
                MimeMessage m = messages[i];
                html.append("<article><div class=meta>").append(m.getSentDate()).append(" → ")
                        .append(escape(String.valueOf(m.getAllRecipients()[0]))).append("</div><h3>")
                        .append(escape(m.getSubject())).append("</h3>").append(htmlOf(m.getContent())).append("</article>");
            } catch (Exception e) {
                html.append("<article>unreadable message: ").append(escape(e.getMessage())).append("</article>");
            }
        }
        return html.append("</body></html>").toString();
    }

    private static String htmlOf(Object content) throws Exception {
        if (content instanceof String s) {
            return s;
        }
        if (content instanceof Multipart mp) {
            for (int i = 0; i < mp.getCount(); i++) {
                BodyPart part = mp.getBodyPart(i);
                if (part.isMimeType("text/html") || part.isMimeType("multipart/*")) {
                    return htmlOf(part.getContent());
                }
            }
            return "<pre>" + escape(String.valueOf(mp.getBodyPart(0).getContent())) + "</pre>";
        }
        return "";
    }

    private static String escape(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
