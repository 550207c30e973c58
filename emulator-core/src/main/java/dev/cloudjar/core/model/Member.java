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
    // Resolved on first use; the model never changes once loaded, so a racing second resolution is harmless.
    private Shape target;
    private Traits effectiveTraits;

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
        Shape resolved = target;
        if (resolved == null) {
            resolved = model.shape(targetId);
            target = resolved;
        }
        return resolved;
    }

    /** The target's traits with the member's own applied on top: the constraints a value must meet. */
    public Traits effectiveTraits() {
        Traits merged = effectiveTraits;
        if (merged == null) {
            merged = target().traits().merge(traits);
            effectiveTraits = merged;
        }
        return merged;
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
