package dev.cloudjar.sns.publish;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Signs notifications as SNS's SignatureVersion 1 does: SHA1withRSA over the canonical string of
 * the message's fields ("Verifying the signatures of Amazon SNS messages": for a Notification,
 * Message, MessageId, Subject if present, Timestamp, TopicArn and Type, each as its name, a line
 * feed, its value and a line feed). Each server makes its own key, on first use (an RSA key takes
 * tens of milliseconds, which the server's start should not pay), so a signature checks against the
 * public key this server publishes, not against AWS's certificate.
 */
public final class MessageSigner {
    private KeyPair keys;

    private synchronized KeyPair keys() {
        if (keys == null) {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                keys = generator.generateKeyPair();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("no RSA in this JVM", e);
            }
        }
        return keys;
    }

    public PublicKey publicKey() {
        return keys().getPublic();
    }

    /** The public key as PEM (SubjectPublicKeyInfo), as served at the signing URL. */
    public String publicKeyPem() {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(keys().getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    /** The canonical string of a Notification, from its fields in SNS's order. */
    public static String canonical(String message, String messageId, String subject, String timestamp,
                                   String topicArn) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("Message", message);
        fields.put("MessageId", messageId);
        if (subject != null) {
            fields.put("Subject", subject);
        }
        fields.put("Timestamp", timestamp);
        fields.put("TopicArn", topicArn);
        fields.put("Type", "Notification");
        StringBuilder out = new StringBuilder();
        fields.forEach((k, v) -> out.append(k).append('\n').append(v).append('\n'));
        return out.toString();
    }

    /** Base64 of the SHA1withRSA signature of the text's UTF-8 bytes. */
    public String sign(String canonical) {
        try {
            Signature signature = Signature.getInstance("SHA1withRSA");
            signature.initSign(keys().getPrivate());
            signature.update(canonical.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
