package dev.cloudjar.sns.publish;

import dev.cloudjar.core.spi.RecordJson;
import dev.cloudjar.core.spi.storage.Keyspace;
import dev.cloudjar.core.spi.storage.StateStore;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Signs messages as SNS's SignatureVersion 1 (SHA1withRSA) and 2 (SHA256withRSA) do, over the
 * canonical string of the message's fields ("Verifying the signatures of Amazon SNS messages": for a Notification,
 * Message, MessageId, Subject if present, Timestamp, TopicArn and Type, each as its name, a line
 * feed, its value and a line feed). The first message signed makes a key and a self-signed
 * certificate for it (an RSA key takes tens of milliseconds, which the server's start should not
 * pay) and stores both, so a signature checks against the certificate this server serves, not AWS's.
 */
public final class MessageSigner {
    private static final String SUBJECT = "CN=sns.amazonaws.com";
    /** Where the key and its certificate are kept: under SNS's prefix, so a reset of SNS makes a new one. */
    static final String KEYSPACE = "sns/signing";
    private static final byte[] KEY = "key".getBytes(StandardCharsets.US_ASCII);

    /** The stored form: PKCS#8 private key, X.509 public key and certificate, DER. */
    record StoredKey(byte[] privateKey, byte[] publicKey, byte[] certificate) {
    }

    private final StateStore state;
    private KeyPair keys;
    private byte[] certificate;

    /**
     * @param state where the key is kept, so that a restart (a notification stored before it is
     *              delivered after) and a second node sharing the state sign with the same key
     */
    public MessageSigner(StateStore state) {
        this.state = state;
    }

    private synchronized KeyPair keys() {
        if (keys == null) {
            try {
                Keyspace keyspace = state.keyspace(KEYSPACE);
                if (keyspace.get(KEY).isEmpty()) {
                    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                    generator.initialize(2048);
                    KeyPair made = generator.generateKeyPair();
                    keyspace.put(KEY, RecordJson.write(new StoredKey(made.getPrivate().getEncoded(),
                            made.getPublic().getEncoded(), selfSigned(made))));
                }
                // Read back what is stored: of two nodes making a key at once, both use the one that stayed.
                StoredKey stored = RecordJson.read(keyspace.get(KEY).orElseThrow(), StoredKey.class);
                KeyFactory rsa = KeyFactory.getInstance("RSA");
                keys = new KeyPair(rsa.generatePublic(new X509EncodedKeySpec(stored.publicKey())),
                        rsa.generatePrivate(new PKCS8EncodedKeySpec(stored.privateKey())));
                certificate = stored.certificate();
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalStateException("cannot make the SNS signing key", e);
            }
        }
        return keys;
    }

    /** Forgets the key read: after a reset of SNS's state the next message makes (or reads) a new one. */
    public synchronized void forget() {
        keys = null;
        certificate = null;
    }

    /** The X.509 certificate of the signing key as PEM, served at the notifications' SigningCertURL. */
    public String certificatePem() {
        keys();
        return "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate)
                + "\n-----END CERTIFICATE-----\n";
    }

    /** A self-signed SHA256withRSA certificate for the key, valid for ten years from now. */
    private static byte[] selfSigned(KeyPair keys) throws GeneralSecurityException, IOException {
        AlgorithmIdentifier algorithm = new AlgorithmIdentifier(PKCSObjectIdentifiers.sha256WithRSAEncryption, DERNull.INSTANCE);
        Instant now = Instant.now();
        V3TBSCertificateGenerator tbs = new V3TBSCertificateGenerator();
        tbs.setSerialNumber(new ASN1Integer(now.toEpochMilli()));
        tbs.setIssuer(new X500Name(SUBJECT));
        tbs.setSubject(new X500Name(SUBJECT));
        tbs.setStartDate(new Time(Date.from(now.minus(Duration.ofDays(1)))));
        tbs.setEndDate(new Time(Date.from(now.plus(Duration.ofDays(3650)))));
        tbs.setSignature(algorithm);
        tbs.setSubjectPublicKeyInfo(SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded()));
        TBSCertificate body = tbs.generateTBSCertificate();
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(keys.getPrivate());
        signature.update(body.getEncoded(ASN1Encoding.DER));
        ASN1EncodableVector certificate = new ASN1EncodableVector();
        certificate.add(body);
        certificate.add(algorithm);
        certificate.add(new DERBitString(signature.sign()));
        return Certificate.getInstance(new DERSequence(certificate)).getEncoded(ASN1Encoding.DER);
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
        return lines(fields);
    }

    /**
     * The canonical string of a SubscriptionConfirmation or UnsubscribeConfirmation: Message,
     * MessageId, SubscribeURL, Timestamp, Token, TopicArn and Type.
     */
    public static String confirmationCanonical(String type, String message, String messageId, String subscribeUrl,
                                               String timestamp, String token, String topicArn) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("Message", message);
        fields.put("MessageId", messageId);
        fields.put("SubscribeURL", subscribeUrl);
        fields.put("Timestamp", timestamp);
        fields.put("Token", token);
        fields.put("TopicArn", topicArn);
        fields.put("Type", type);
        return lines(fields);
    }

    private static String lines(Map<String, String> fields) {
        StringBuilder out = new StringBuilder();
        fields.forEach((k, v) -> out.append(k).append('\n').append(v).append('\n'));
        return out.toString();
    }

    /** The topic's SignatureVersion: "2" signs with SHA256withRSA, anything else (the default "1") with SHA1withRSA. */
    public static String version(String topicSignatureVersion) {
        return "2".equals(topicSignatureVersion) ? "2" : "1";
    }

    /** A signature made on this thread, kept for the next subscription of the same message. */
    private record Signed(String canonical, String version, String signature) {
    }

    /**
     * The last signature each thread made. A Publish fans out on one thread, and every SQS, Lambda
     * or http subscription's envelope of one message has the same string to sign (the
     * UnsubscribeURL, which differs, is not in it), so one RSA signature serves them all instead
     * of one per subscription: RSA signing is most of a Publish's cost with a few subscribers.
     * PKCS#1 v1.5 signatures are deterministic, so a kept one is the one signing again would make
     * (and a string to sign names its message id, so none is reused across a key change).
     */
    private final ThreadLocal<Signed> lastSigned = new ThreadLocal<>();

    /** Base64 of the signature of the text's UTF-8 bytes, under SignatureVersion 1 or 2. */
    public String sign(String canonical, String signatureVersion) {
        Signed last = lastSigned.get();
        if (last != null && last.version().equals(signatureVersion) && last.canonical().equals(canonical)) {
            return last.signature();
        }
        String made = signFresh(canonical, signatureVersion);
        lastSigned.set(new Signed(canonical, signatureVersion, made));
        return made;
    }

    private String signFresh(String canonical, String signatureVersion) {
        try {
            Signature signature = Signature.getInstance("2".equals(signatureVersion) ? "SHA256withRSA" : "SHA1withRSA");
            signature.initSign(keys().getPrivate());
            signature.update(canonical.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
