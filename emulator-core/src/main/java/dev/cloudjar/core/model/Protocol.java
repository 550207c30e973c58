package dev.cloudjar.core.model;

/** The AWS wire protocols Cloudjar speaks, named as the Smithy protocol traits name them. */
public enum Protocol {
    AWS_JSON_1_0("aws.protocols#awsJson1_0"),
    AWS_JSON_1_1("aws.protocols#awsJson1_1"),
    REST_JSON_1("aws.protocols#restJson1"),
    REST_XML("aws.protocols#restXml"),
    AWS_QUERY("aws.protocols#awsQuery"),
    /** Smithy RPC v2 CBOR (CloudWatch's newest SDKs). Last: a model that declares several protocols reports an older one. */
    RPC_V2_CBOR("smithy.protocols#rpcv2Cbor");

    private final String traitId;

    Protocol(String traitId) {
        this.traitId = traitId;
    }

    public String traitId() {
        return traitId;
    }

    /** The family that decides error codes shared across protocols (e.g. signature failures). */
    public Family family() {
        return switch (this) {
            case REST_XML -> Family.S3;
            case AWS_QUERY -> Family.QUERY;
            default -> Family.JSON;
        };
    }

    public enum Family { S3, JSON, QUERY }
}
