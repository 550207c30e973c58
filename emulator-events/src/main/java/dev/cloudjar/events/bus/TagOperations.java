package dev.cloudjar.events.bus;

import dev.cloudjar.core.spi.Arn;
import dev.cloudjar.core.spi.Input;
import dev.cloudjar.core.spi.Output;
import dev.cloudjar.core.spi.RequestContext;
import dev.cloudjar.core.spi.Scope;
import dev.cloudjar.core.spi.StripedLocks;
import dev.cloudjar.core.spi.TagList;
import dev.cloudjar.events.EventsErrors;
import dev.cloudjar.events.store.BusRecord;
import dev.cloudjar.events.store.Buses;
import dev.cloudjar.events.store.EventsStore;
import dev.cloudjar.events.store.RuleRecord;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** TagResource, UntagResource and ListTagsForResource on custom buses and on rules. */
public final class TagOperations {
    private final EventsStore store;

    public TagOperations(EventsStore store) {
        this.store = store;
    }

    public Output tagResource(RequestContext context, Input input) {
        Map<String, String> added = TagList.toMap(input.list("Tags"));
        change(input.string("ResourceARN"), tags -> {
            tags.putAll(added);
            if (tags.size() > EventsErrors.MAX_TAGS) {
                throw EventsErrors.limitExceeded("The requested resource exceeds the maximum number allowed.");
            }
        });
        return Output.empty();
    }

    public Output untagResource(RequestContext context, Input input) {
        List<Object> keys = input.list("TagKeys");
        change(input.string("ResourceARN"), tags -> keys.forEach(tags::remove));
        return Output.empty();
    }

    public Output listTagsForResource(RequestContext context, Input input) {
        String arn = input.string("ResourceARN");
        Resource resource = resource(arn);
        Map<String, String> tags = resource.rule() == null
                ? store.bus(resource.arn().scope(), resource.bus()).orElseThrow(() -> EventsErrors.resourceNotFound(arn)).tags()
                : store.rule(resource.arn().scope(), resource.bus(), resource.rule())
                        .orElseThrow(() -> EventsErrors.ruleNotFound(resource.rule(), resource.bus())).tags();
        return Output.of("Tags", TagList.of(tags));
    }

    private void change(String arnText, Consumer<Map<String, String>> change) {
        Resource resource = resource(arnText);
        Scope scope = resource.arn().scope();
        try (StripedLocks.Held ignored = store.lock(scope, resource.bus())) {
            if (resource.rule() == null) {
                BusRecord bus = store.bus(scope, resource.bus()).orElseThrow(() -> EventsErrors.resourceNotFound(arnText));
                Map<String, String> tags = new LinkedHashMap<>(bus.tags());
                change.accept(tags);
                store.put(scope, bus.withTags(tags));
            } else {
                RuleRecord rule = store.rule(scope, resource.bus(), resource.rule())
                        .orElseThrow(() -> EventsErrors.ruleNotFound(resource.rule(), resource.bus()));
                Map<String, String> tags = new LinkedHashMap<>(rule.tags());
                change.accept(tags);
                store.put(scope, rule.withTags(tags));
            }
        }
    }

    /** A bus ({@code event-bus/<name>}) or a rule ({@code rule/<name>}, {@code rule/<bus>/<name>}). */
    private record Resource(Arn arn, String bus, String rule) {
    }

    private static Resource resource(String text) {
        Arn arn;
        try {
            arn = Arn.parse(text);
        } catch (IllegalArgumentException e) {
            throw EventsErrors.validation("Parameter ResourceARN is not valid.");
        }
        String resource = arn.resource();
        if (arn.service().equals("events") && resource.startsWith("event-bus/")) {
            return new Resource(arn, resource.substring("event-bus/".length()), null);
        }
        if (arn.service().equals("events") && resource.startsWith("rule/")) {
            String path = resource.substring("rule/".length());
            int slash = path.lastIndexOf('/');
            return slash < 0 ? new Resource(arn, Buses.DEFAULT, path)
                    : new Resource(arn, path.substring(0, slash), path.substring(slash + 1));
        }
        throw EventsErrors.resourceNotFound(text);
    }
}
