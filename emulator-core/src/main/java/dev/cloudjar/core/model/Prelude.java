package dev.cloudjar.core.model;

import com.fasterxml.jackson.databind.node.BooleanNode;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Smithy's prelude shapes (smithy.api#String, ...), which models refer to without defining. */
final class Prelude {
    private static final Map<String, Shape> SHAPES = build();

    private Prelude() {
    }

    static Map<String, Shape> shapes() {
        return SHAPES;
    }

    private static Map<String, Shape> build() {
        Map<String, Shape> shapes = new HashMap<>();
        Object[][] simple = {
                {"String", ShapeType.STRING}, {"Blob", ShapeType.BLOB}, {"Boolean", ShapeType.BOOLEAN},
                {"Timestamp", ShapeType.TIMESTAMP}, {"Byte", ShapeType.BYTE}, {"Short", ShapeType.SHORT},
                {"Integer", ShapeType.INTEGER}, {"Long", ShapeType.LONG}, {"Float", ShapeType.FLOAT},
                {"Double", ShapeType.DOUBLE}, {"BigInteger", ShapeType.BIG_INTEGER},
                {"BigDecimal", ShapeType.BIG_DECIMAL}, {"Document", ShapeType.DOCUMENT},
        };
        for (Object[] s : simple) {
            add(shapes, "smithy.api#" + s[0], (ShapeType) s[1], Traits.NONE);
        }
        Traits defaulted = new Traits(Map.of("smithy.api#default", BooleanNode.FALSE));
        for (Object[] s : new Object[][]{{"PrimitiveBoolean", ShapeType.BOOLEAN}, {"PrimitiveByte", ShapeType.BYTE},
                {"PrimitiveShort", ShapeType.SHORT}, {"PrimitiveInteger", ShapeType.INTEGER},
                {"PrimitiveLong", ShapeType.LONG}, {"PrimitiveFloat", ShapeType.FLOAT},
                {"PrimitiveDouble", ShapeType.DOUBLE}}) {
            add(shapes, "smithy.api#" + s[0], (ShapeType) s[1], defaulted);
        }
        add(shapes, "smithy.api#Unit", ShapeType.STRUCTURE, new Traits(Map.of("smithy.api#unitType",
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode())));
        return Map.copyOf(shapes);
    }

    private static void add(Map<String, Shape> shapes, String id, ShapeType type, Traits traits) {
        shapes.put(id, new Shape(id, type, Map.of(), traits, List.of()));
    }
}
