package dev.cloudjar.apigateway.execute;

import dev.cloudjar.apigateway.store.MethodRecord;
import dev.cloudjar.apigateway.store.ResourceRecord;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Route matching as the API Gateway developer guide describes it for {proxy+} and ANY: the most specific resource wins. */
class RoutesTest {
    private static ResourceRecord resource(String id, String path, String... methods) {
        ResourceRecord resource = new ResourceRecord(id, null, null, path, Map.of());
        for (String method : methods) {
            resource = resource.withMethod(method, new MethodRecord(method, "NONE", null, false, null, null, null, null,
                    null, Map.of(), null));
        }
        return resource;
    }

    private final List<ResourceRecord> resources = List.of(resource("root", "/", "GET"),
            resource("proxy", "/{proxy+}", "ANY"), resource("items", "/items", "GET"),
            resource("item", "/items/{id}", "GET"), resource("mine", "/items/mine", "GET"));

    @Test
    void aLiteralBeatsAVariableWhichBeatsTheGreedyVariable() {
        assertEquals("mine", Routes.match(resources, "GET", "/items/mine").resource().id());
        Routes.Match item = Routes.match(resources, "GET", "/items/42");
        assertEquals("item", item.resource().id());
        assertEquals(Map.of("id", "42"), item.pathParameters());
        Routes.Match proxy = Routes.match(resources, "GET", "/items/42/parts");
        assertEquals("proxy", proxy.resource().id());
        assertEquals(Map.of("proxy", "items/42/parts"), proxy.pathParameters());
    }

    @Test
    void anyTakesMethodsTheMoreSpecificResourceDoesNotHave() {
        assertEquals("proxy", Routes.match(resources, "DELETE", "/items/42").resource().id());
        assertEquals("root", Routes.match(resources, "GET", "/").resource().id());
    }

    @Test
    void theGreedyVariableNeedsAtLeastOnePathPart() {
        assertNull(Routes.match(resources, "POST", "/"));
    }

    @Test
    void pathParametersAreDecoded() {
        assertEquals(Map.of("id", "a b+c"), Routes.match(resources, "GET", "/items/a%20b+c").pathParameters());
    }
}
