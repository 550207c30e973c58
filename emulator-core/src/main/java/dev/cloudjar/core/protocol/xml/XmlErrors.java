package dev.cloudjar.core.protocol.xml;

import dev.cloudjar.core.model.Member;

import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/** Writes the extra members of an error (S3's BucketName, a query error's fields) inside its error element. */
final class XmlErrors {
    /** Written by the codecs themselves, from the exception's code and message. */
    private static final Set<String> WRITTEN_APART = Set.of("Code", "code", "Message", "message");

    private XmlErrors() {
    }

    /**
     * Members of a modelled error are written by the model (names, nesting, formats); members the
     * model does not declare are written as plain text elements, in the order they were added.
     */
    static void writeMembers(XmlShapeWriter writer, XmlWriter out, ModeledError error, Map<String, Object> members, Predicate<Member> include) {
        if (members.isEmpty()) {
            return;
        }
        if (error.shape() != null) {
            writer.writeContent(out, error.shape(), members,
                    member -> include.test(member) && !WRITTEN_APART.contains(member.name())
                            && !member.traits().has("xmlAttribute"));
        }
        members.forEach((name, value) -> {
            boolean modeled = error.shape() != null && error.shape().member(name) != null;
            if (!modeled && !WRITTEN_APART.contains(name) && value != null) {
                out.element(name, writer.values().format(value));
            }
        });
    }
}
