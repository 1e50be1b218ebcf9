package org.vigil.ward;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;

/** JSON of the ward messages (UTF-8, ISO-8601 times); unknown fields are ignored so that newer senders stay readable. */
public final class WardCodec {
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private WardCodec() {}

    public static byte[] encode(Object message) {
        try {
            return JSON.writeValueAsBytes(message);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + message.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** @throws IllegalArgumentException naming the topic when the payload is not a {@code type} */
    public static <T> T decode(String topic, byte[] payload, Class<T> type) {
        try {
            T v = JSON.readValue(payload, type);
            if (v == null) throw new IllegalArgumentException("empty");
            return v;
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("message on " + topic + " is not a valid " + type.getSimpleName() + ": "
                    + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }
}
