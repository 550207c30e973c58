package dev.cloudjar.events.store;

import dev.cloudjar.core.spi.RecordTable;
import dev.cloudjar.core.spi.Scope;
import dev.cloudjar.core.spi.StripedLocks;
import dev.cloudjar.core.spi.storage.StateStore;
import dev.cloudjar.core.spi.storage.WriteBatch;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Buses, rules and targets in the storage SPI, per scope: buses by name, rules under their bus
 * ({@code bus \0 rule}), targets under their rule ({@code bus \0 rule \0 id}), so a bus's rules
 * and a rule's targets are each one prefix scan; connections and API destinations by name. Changes
 * to one bus and what it holds are serialised by the bus's lock.
 */
public final class EventsStore {
    private static final String SERVICE = "events";

    private final StateStore state;
    private final RecordTable<BusRecord> buses;
    private final RecordTable<RuleRecord> rules;
    private final RecordTable<TargetRecord> targets;
    private final RecordTable<ConnectionRecord> connections;
    private final RecordTable<ApiDestinationRecord> apiDestinations;
    private final StripedLocks locks = new StripedLocks(64);

    public EventsStore(StateStore state) {
        this.state = state;
        this.buses = new RecordTable<>(state, SERVICE, "buses", BusRecord.class);
        this.rules = new RecordTable<>(state, SERVICE, "rules", RuleRecord.class);
        this.targets = new RecordTable<>(state, SERVICE, "targets", TargetRecord.class);
        this.connections = new RecordTable<>(state, SERVICE, "connections", ConnectionRecord.class);
        this.apiDestinations = new RecordTable<>(state, SERVICE, "api-destinations", ApiDestinationRecord.class);
    }

    public StripedLocks.Held lock(Scope scope, String busName) {
        return locks.lock(buses.keyspace(scope), busName.getBytes(StandardCharsets.UTF_8));
    }

    public Optional<BusRecord> bus(Scope scope, String name) {
        return buses.get(scope, name);
    }

    /** The stored (custom) buses of the scope, by name. */
    public List<BusRecord> buses(Scope scope) {
        return buses.list(scope, "");
    }

    public void put(Scope scope, BusRecord bus) {
        buses.put(scope, bus.name(), bus);
    }

    /** Deletes the bus with its rules and their targets in one write. */
    public void deleteBus(Scope scope, String name) {
        WriteBatch batch = new WriteBatch();
        buses.delete(batch, scope, name);
        rules.deleteAll(batch, scope, name + '\0');
        targets.deleteAll(batch, scope, name + '\0');
        state.apply(batch);
    }

    public Optional<RuleRecord> rule(Scope scope, String busName, String name) {
        return rules.get(scope, RecordTable.key(busName, name));
    }

    /** A bus's rules, by name. */
    public List<RuleRecord> rules(Scope scope, String busName) {
        return rules.list(scope, busName + '\0');
    }

    public void put(Scope scope, RuleRecord rule) {
        rules.put(scope, RecordTable.key(rule.eventBusName(), rule.name()), rule);
    }

    public void deleteRule(Scope scope, String busName, String name) {
        WriteBatch batch = new WriteBatch();
        rules.delete(batch, scope, RecordTable.key(busName, name));
        targets.deleteAll(batch, scope, RecordTable.key(busName, name) + '\0');
        state.apply(batch);
    }

    /** A rule's targets, by id. */
    public List<TargetRecord> targets(Scope scope, String busName, String ruleName) {
        return targets.list(scope, RecordTable.key(busName, ruleName) + '\0');
    }

    public void put(Scope scope, String busName, String ruleName, TargetRecord target) {
        targets.put(scope, RecordTable.key(RecordTable.key(busName, ruleName), target.id()), target);
    }

    public boolean deleteTarget(Scope scope, String busName, String ruleName, String id) {
        return targets.delete(scope, RecordTable.key(RecordTable.key(busName, ruleName), id));
    }

    /**
     * Serialises changes to one connection (its authorization runs beside the requests that change
     * it), or to one API destination by {@code api-destination/<name>} (no connection name has a slash).
     */
    public StripedLocks.Held lockConnection(Scope scope, String name) {
        return locks.lock(connections.keyspace(scope), name.getBytes(StandardCharsets.UTF_8));
    }

    public Optional<ConnectionRecord> connection(Scope scope, String name) {
        return connections.get(scope, name);
    }

    /** The scope's connections, by name. */
    public List<ConnectionRecord> connections(Scope scope) {
        return connections.list(scope, "");
    }

    public void put(Scope scope, ConnectionRecord connection) {
        connections.put(scope, connection.name(), connection);
    }

    public void deleteConnection(Scope scope, String name) {
        connections.delete(scope, name);
    }

    public Optional<ApiDestinationRecord> apiDestination(Scope scope, String name) {
        return apiDestinations.get(scope, name);
    }

    /** The scope's API destinations, by name. */
    public List<ApiDestinationRecord> apiDestinations(Scope scope) {
        return apiDestinations.list(scope, "");
    }

    public void put(Scope scope, ApiDestinationRecord destination) {
        apiDestinations.put(scope, destination.name(), destination);
    }

    public void deleteApiDestination(Scope scope, String name) {
        apiDestinations.delete(scope, name);
    }
}
