package dev.cloudjar.core.model;

/**
 * A member of a structure, union, list ("member") or map ("key", "value"). Its {@link #traits()}
 * are the member's own; {@link #target()} resolves the shape it points at.
 */
public final class Member {
    private final String name;
    private final String targetId;
    private final Traits traits;
    private ServiceModel model;

    Member(String name, String targetId, Traits traits) {
        this.name = name;
        this.targetId = targetId;
        this.traits = traits;
    }

    void bind(ServiceModel model) {
        this.model = model;
    }

    public String name() {
        return name;
    }

    public String targetId() {
        return targetId;
    }

    public Shape target() {
        return model.shape(targetId);
    }

    public Traits traits() {
        return traits;
    }

    public boolean isRequired() {
        return traits.has("required");
    }

    @Override
    public String toString() {
        return name + " -> " + targetId;
    }
}
