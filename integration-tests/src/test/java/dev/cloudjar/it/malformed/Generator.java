package dev.cloudjar.it.malformed;

import dev.cloudjar.core.model.Protocol;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Case {@code i} of a run: a seed of the case's protocol with one to three mutations, all drawn
 * from a Random seeded by the run's seed and {@code i} alone, so any case can be built again by
 * itself to reproduce it. Structural damage to the body dominates, since that is what reaches the
 * services' validation; the rest damages the HTTP around it, the signature, and the framing.
 */
final class Generator {
    private final Map<Protocol, List<Seed>> seeds;
    private final long runSeed;
    private final List<Protocol> protocolOfCase;

    Generator(Map<Protocol, List<Seed>> seeds, Map<Protocol, Integer> counts, long runSeed) {
        this.seeds = new EnumMap<>(seeds);
        this.runSeed = runSeed;
        List<Protocol> order = new ArrayList<>();
        counts.forEach((protocol, n) -> order.addAll(Collections.nCopies(n, protocol)));
        // Interleaved, so consecutive cases on one connection change protocol and service.
        Collections.shuffle(order, new Random(runSeed));
        this.protocolOfCase = List.copyOf(order);
    }

    int size() {
        return protocolOfCase.size();
    }

    Draft build(int index) {
        Random r = new Random(runSeed * 1_000_003L + index);
        Protocol protocol = protocolOfCase.get(index);
        Draft d = Odd.pick(r, seeds.get(protocol)).draft();
        int mutations = r.nextInt(4) == 0 ? 2 + r.nextInt(2) : 1;
        for (int i = 0; i < mutations; i++) {
            mutateOnce(d, r);
        }
        return d;
    }

    private static void mutateOnce(Draft d, Random r) {
        int roll = r.nextInt(100);
        if (roll < 48) {
            structural(d, r);
        } else if (roll < 58) {
            HttpMutations.bytes(d, r);
        } else if (roll < 84) {
            HttpMutations.mutate(d, r);
        } else if (roll < 93) {
            WireMutations.signing(d, r);
        } else {
            WireMutations.framing(d, r);
        }
    }

    /** Damage in the body's own format; where there is no body, the path, query and headers are the input. */
    private static void structural(Draft d, Random r) {
        boolean rest = d.protocol() == Protocol.REST_XML || d.protocol() == Protocol.REST_JSON_1;
        boolean done = rest && d.body.length == 0 ? false : switch (d.protocol()) {
            case AWS_QUERY -> FormMutations.mutate(d, r);
            case RPC_V2_CBOR -> CborMutations.mutate(d, r);
            case REST_XML -> d.body.length > 0 && d.body[0] == '<'
                    ? r.nextInt(5) == 0 ? raw(d, r) : XmlMutations.mutate(d, r)
                    : JsonMutations.mutate(d, r);
            case AWS_JSON_1_0, AWS_JSON_1_1, REST_JSON_1 -> JsonMutations.mutate(d, r);
        };
        if (!done) {
            HttpMutations.mutate(d, r);
        }
    }

    private static boolean raw(Draft d, Random r) {
        d.note("xml " + XmlMutations.raw(d, r));
        return true;
    }
}
