package ru.coalition.platform;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.time.temporal.Temporal;
import java.time.temporal.TemporalAmount;

/**
 * The REST ObjectMapper reads JSON as API-CONTRACT.md states it, not as leniently as Jackson would: a duplicate key or
 * text after the document is malformed, a number is never a string (money and ids are strings, "1.5" would be silently
 * reformatted), a fraction is never truncated into an integer, a time is an ISO string and never an epoch number, and
 * a NUL character (which PostgreSQL refuses in text) is unreadable. Each failure is mapped by ProblemMappers.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        // "15" is not the number 15 either
        mapper.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
        for (LogicalType type : new LogicalType[] {LogicalType.Textual, LogicalType.Integer, LogicalType.Float,
                LogicalType.Boolean, LogicalType.DateTime}) {
            var coercion = mapper.coercionConfigFor(type);
            for (CoercionInputShape shape : new CoercionInputShape[] {CoercionInputShape.Integer, CoercionInputShape.Float,
                    CoercionInputShape.Boolean}) {
                if (!sameShape(type, shape)) {
                    coercion.setCoercion(shape, CoercionAction.Fail);
                }
            }
        }
        SimpleModule strict = new SimpleModule("coalition-strict-json");
        strict.addDeserializer(String.class, new NulFreeStrings());
        strict.setDeserializerModifier(new TextOnlyTimes());
        mapper.registerModule(strict);
    }

    private static boolean sameShape(LogicalType type, CoercionInputShape shape) {
        return type == LogicalType.Integer && shape == CoercionInputShape.Integer
                || type == LogicalType.Float && (shape == CoercionInputShape.Float || shape == CoercionInputShape.Integer)
                || type == LogicalType.Boolean && shape == CoercionInputShape.Boolean;
    }

    /** Jackson's own string reading (with the coercion rules above), refusing the NUL character. */
    static final class NulFreeStrings extends StdScalarDeserializer<String> {

        NulFreeStrings() {
            super(String.class);
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.Textual;
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = StringDeserializer.instance.deserialize(p, ctxt);
            if (text != null && text.indexOf('\0') >= 0) {
                return (String) ctxt.handleWeirdStringValue(String.class, text, "a NUL character is not allowed");
            }
            return text;
        }
    }

    /**
     * java.time values are read only from strings: the JSR-310 deserializers would take an epoch number for an
     * OffsetDateTime (and the coercion settings do not reach them).
     */
    static final class TextOnlyTimes extends BeanDeserializerModifier {

        @Override
        public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription beanDesc,
                                                      JsonDeserializer<?> deserializer) {
            Class<?> raw = beanDesc.getBeanClass();
            if (Temporal.class.isAssignableFrom(raw) || TemporalAmount.class.isAssignableFrom(raw)) {
                return new TextOnly(deserializer);
            }
            return deserializer;
        }
    }

    static final class TextOnly extends DelegatingDeserializer {

        TextOnly(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> newDelegatee) {
            return new TextOnly(newDelegatee);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_NUMBER_INT || p.currentToken() == JsonToken.VALUE_NUMBER_FLOAT) {
                return ctxt.handleUnexpectedToken(handledType(), p.currentToken(), p,
                        "a time is an ISO-8601 string, not a number");
            }
            return super.deserialize(p, ctxt);
        }
    }
}
