package dev.connector.sonarcloud.cursor;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import dev.connector.sonarcloud.auth.ApiKeys;
import dev.connector.sonarcloud.credential.KeysetConfig;
import dev.connector.sonarcloud.web.ApiException;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Opaque paging cursors: the state as JSON, bound to what made it (a "binding" string such as the action id and
 * its filters) and signed with HMAC-SHA256. An altered cursor, or one reused with other filters, is a 400.
 * The signing key is {@code connector.cursor-secret}, or else derived from the credential keyset (secret already).
 */
@Component
public class Cursors {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final int MAX_LENGTH = 8192;

    private final Mac macPrototype;
    private final ObjectMapper mapper;

    public Cursors(CursorProperties properties, KeysetConfig.KeysetJson keyset, ObjectMapper mapper) {
        String secret = properties.cursorSecret();
        String material = secret != null && !secret.isBlank() ? secret : keyset.json();
        try {
            this.macPrototype = Mac.getInstance("HmacSHA256");
            macPrototype.init(new SecretKeySpec(ApiKeys.sha256("cursor-signing|" + material), "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        this.mapper = mapper;
    }

    /** A cursor for this binding holding the state (a record or an object node). */
    public String encode(String binding, Object state) {
        ObjectNode payload = state instanceof ObjectNode node ? node.deepCopy() : mapper.valueToTree(state);
        payload.put("_b", bindingDigest(binding));
        byte[] json = mapper.writeValueAsBytes(payload);
        return ENCODER.encodeToString(json) + "." + ENCODER.encodeToString(mac(json));
    }

    /** The state inside a cursor made for this binding; any mismatch or alteration is a 400 on {@code next}. */
    public ObjectNode decode(String binding, String cursor) {
        if (cursor == null || cursor.length() > MAX_LENGTH) {
            throw invalid();
        }
        int dot = cursor.indexOf('.');
        if (dot <= 0) {
            throw invalid();
        }
        try {
            byte[] json = DECODER.decode(cursor.substring(0, dot));
            byte[] signature = DECODER.decode(cursor.substring(dot + 1));
            if (!MessageDigest.isEqual(signature, mac(json))) {
                throw invalid();
            }
            JsonNode payload = mapper.readTree(json);
            if (!(payload instanceof ObjectNode state) || !bindingDigest(binding).equals(state.path("_b").asString(""))) {
                throw ApiException.validation("next", "The cursor was made for other filters or another route");
            }
            state.remove("_b");
            return state;
        } catch (IllegalArgumentException | JacksonException e) {
            throw invalid();
        }
    }

    /** The state inside a cursor made for this binding, as a record of the given type. */
    public <S> S decode(String binding, String cursor, Class<S> type) {
        ObjectNode state = decode(binding, cursor);
        try {
            return mapper.treeToValue(state, type);
        } catch (JacksonException | IllegalArgumentException e) {
            throw invalid();
        }
    }

    private static ApiException invalid() {
        return ApiException.validation("next", "The cursor is not valid; use the 'next' value exactly as returned");
    }

    private byte[] mac(byte[] data) {
        try {
            return Arrays.copyOf(((Mac) macPrototype.clone()).doFinal(data), 16);
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String bindingDigest(String binding) {
        return ENCODER.encodeToString(Arrays.copyOf(ApiKeys.sha256(binding), 12));
    }
}
