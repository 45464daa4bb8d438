package ru.coalition.messaging;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The HTTP SMS gateway: POST /messages with a bearer key. Another provider is another client behind SmsSender. */
@RegisterRestClient(configKey = "sms-gateway")
public interface SmsGatewayClient {

    record SmsRequest(String to, String text, String sender) {
    }

    record SmsReceipt(String id) {
    }

    @POST
    @Path("/messages")
    SmsReceipt send(@HeaderParam("Authorization") String authorization, SmsRequest request);
}
