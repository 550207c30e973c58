package dev.cloudjar.core.protocol;

import dev.cloudjar.core.model.Member;

/** Where an HTTP-bound protocol (restJson1, restXml) carries a member. */
public enum HttpBinding {
    LABEL, QUERY, QUERY_PARAMS, HEADER, PREFIX_HEADERS, RESPONSE_CODE, PAYLOAD, BODY;

    public static HttpBinding of(Member member) {
        var traits = member.traits();
        if (traits.has("httpLabel")) {
            return LABEL;
        }
        if (traits.has("httpQuery")) {
            return QUERY;
        }
        if (traits.has("httpQueryParams")) {
            return QUERY_PARAMS;
        }
        if (traits.has("httpHeader")) {
            return HEADER;
        }
        if (traits.has("httpPrefixHeaders")) {
            return PREFIX_HEADERS;
        }
        if (traits.has("httpResponseCode")) {
            return RESPONSE_CODE;
        }
        if (traits.has("httpPayload")) {
            return PAYLOAD;
        }
        return BODY;
    }
}
